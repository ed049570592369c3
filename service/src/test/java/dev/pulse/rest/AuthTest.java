package dev.pulse.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code pulse.auth.api-key} set, every mutating endpoint answers 401 without it; status and health stay open.
 */
@QuarkusTest
@TestProfile(BrokerDownProfile.class)
class AuthTest {

    @Test
    void mutatingEndpointsNeedTheKey() {
        for (String path : new String[] { "/messages", "/sample/start", "/sample/stop", "/x/stream/start",
                "/x/stream/stop", "/x/rules" }) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "ApiKey")
                    .body("detail", containsString("X-API-Key"));
            given().header("X-API-Key", "wrong").contentType("application/json").body("{}").post(path).then()
                    .statusCode(401).body("detail", containsString("not the one configured"));
        }
        given().delete("/x/rules/1").then().statusCode(401);
        given().header("X-API-Key", BrokerDownProfile.API_KEY).post("/sample/stop").then().statusCode(200);
        given().header("Authorization", "Bearer " + BrokerDownProfile.API_KEY).post("/x/stream/stop").then()
                .statusCode(200);
    }

    @Test
    void readOnlyEndpointsStayOpenAndTheKeyIsNeverShown() {
        given().get("/sample").then().statusCode(200);
        given().get("/x/stream").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        for (String path : new String[] { "/q/health", "/q/metrics", "/sample", "/x/stream" }) {
            given().get(path).then().body(not(containsString(BrokerDownProfile.API_KEY)))
                    .body(not(containsString(BrokerDownProfile.X_TOKEN)));
        }
        given().contentType("application/json").body("{}").post("/messages").then()
                .body(not(containsString(BrokerDownProfile.API_KEY)));
    }
}
