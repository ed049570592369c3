package dev.pulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * A page that reads slower than events come loses the oldest events, is told how many records it lost, and never
 * holds more than its queue.
 */
class LiveClientTest {

    private final Counter dropped = Counter.builder("dropped").register(new SimpleMeterRegistry());

    @Test
    void aSlowClientLosesTheOldestAndIsToldHowMany() {
        AtomicReference<LiveClient> client = new AtomicReference<>();
        List<LiveClient> ended = new ArrayList<>();
        AssertSubscriber<String> page = LiveClient.stream(4, dropped, client::set, ended::add)
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        client.get().offer("{\"n\":0}", 10);
        page.assertItems("{\"n\":0}");
        for (int n = 1; n <= 7; n++) {
            client.get().offer("{\"n\":" + n + "}", 10); // nothing asked for: queued, the oldest dropped past 4
        }
        page.request(10);
        page.assertItems("{\"n\":0}", "{\"dropped\":30,\"n\":4}", "{\"n\":5}", "{\"n\":6}", "{\"n\":7}");
        assertEquals(30, dropped.count());
        client.get().offer("{}", 1);
        assertEquals("{}", page.getItems().get(5), "no loss since: the event goes as it is");
        page.cancel();
        assertEquals(List.of(client.get()), ended);
    }

    @Test
    void aClientThatKeepsUpLosesNothing() {
        AtomicReference<LiveClient> client = new AtomicReference<>();
        AssertSubscriber<String> page = LiveClient.stream(2, dropped, client::set, c -> {
        }).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        for (int n = 0; n < 1000; n++) {
            client.get().offer("{\"n\":" + n + "}", 1);
        }
        assertEquals(1000, page.getItems().size());
        assertTrue(page.getItems().stream().noneMatch(e -> e.contains("dropped")));
        assertEquals(0, dropped.count());
        client.get().complete();
        page.assertCompleted();
    }
}
