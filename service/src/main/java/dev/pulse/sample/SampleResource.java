package dev.pulse.sample;

import java.time.Duration;
import java.util.OptionalLong;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pulse.http.Control;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * {@code /sample}: status and control of the static-data emitter. {@code POST /sample/start} may override
 * {@code count} and {@code interval} for that run, and with {@code resume=true} continue after the last record the
 * topic holds (start-up always does, unless {@code pulse.sample.resume=false}).
 */
@Path("/sample")
public class SampleResource {

    private final SampleEmitter emitter;
    private final SampleConfig config;

    SampleResource(SampleEmitter emitter, SampleConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    @GET
    public SampleStatus status() {
        return emitter.status();
    }

    @POST
    @Path("/start")
    public RestResponse<SampleStatus> start(@RestQuery String count, @RestQuery String interval,
            @RestQuery boolean resume) {
        return Control.start(() -> emitter.start(count(count), interval(interval), resume),
                "the static-data emitter is running; POST /sample/stop first");
    }

    @POST
    @Path("/stop")
    public SampleStatus stop() {
        return emitter.stop();
    }

    private OptionalLong count(String text) {
        if (text == null) {
            return config.count();
        }
        try {
            long count = Long.parseLong(text.trim());
            if (count >= 0) {
                return OptionalLong.of(count);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("count must be a whole number >= 0, not '" + text + "'");
    }

    private Duration interval(String text) {
        if (text == null) {
            return config.interval();
        }
        try {
            Duration interval = DurationConverter.parseDuration(text.trim());
            if (interval != null && !interval.isNegative()) {
                return interval;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new IllegalArgumentException("interval must be a duration such as 5s, 250ms or PT1M, not '" + text + "'");
    }
}
