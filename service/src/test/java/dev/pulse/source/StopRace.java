package dev.pulse.source;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Random;
import java.util.function.IntSupplier;

/** A live source started and stopped again a few ms later, in whatever state its connection is then. */
public final class StopRace {

    private StopRace() {
    }

    /**
     * Starts the source ({@code POST start}), stops it ({@code POST <status>/stop}) after up to 60 ms, and checks that
     * it answers stopped, stays stopped once what was under way at the stop ended, and closes its connections.
     */
    public static void startAndStop(String start, String status, Random random, IntSupplier openConnections)
            throws InterruptedException {
        given().post(start).then().statusCode(202);
        Thread.sleep(random.nextInt(60));
        given().post(status + "/stop").then().statusCode(200).body("state", equalTo("stopped"));
        Thread.sleep(100); // what was under way at the stop (a reconnect, a connection being opened) ends
        given().get(status).then().body("state", equalTo("stopped"));
        await().atMost(Duration.ofSeconds(3)).until(() -> openConnections.getAsInt() == 0);
    }
}
