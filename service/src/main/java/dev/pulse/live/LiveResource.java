package dev.pulse.live;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;

/**
 * {@code /live}: what the web page at {@code /} follows, as Server-Sent Events whose data is a JSON object.
 * {@code /live/records} carries the data itself, so it needs the API key when {@code pulse.auth.api-key} is set.
 */
@Path("/live")
@Produces(MediaType.SERVER_SENT_EVENTS)
@RestStreamElementType(MediaType.TEXT_PLAIN)
public class LiveResource {

    /** The method that carries record data: read-only, yet behind the API key. */
    public static final String RECORDS_METHOD = "records";

    private final LiveFeed feed;

    LiveResource(LiveFeed feed) {
        this.feed = feed;
    }

    @GET
    @Path("/records")
    public Multi<String> records() {
        return feed.records();
    }

    @GET
    @Path("/rates")
    public Multi<String> rates() {
        return feed.rates();
    }
}
