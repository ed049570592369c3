package dev.pulse;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the application's counters from {@code /q/metrics}, so a test can check what its own actions added (the
 * difference between two readings) instead of totals that earlier tests feed too.
 */
public final class Metrics {

    private Metrics() {
    }

    /** The value of one series, e.g. {@code pulse_x_reconnects_total{cause="network"}}; 0 while it does not exist. */
    public static double value(String series) {
        Matcher value = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
