package dev.pulse.live;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The web page at {@code /} in a real browser (Debian's headless Chromium through its chromedriver) against the
 * packaged application and the dev broker: it loads without a console error, a message sent from its form appears in
 * the tail with its offset, the chart follows an emitter run the page starts and stops, and a bad JSON body shows the
 * problem with its line. It leaves the page's screenshot in {@code target/screenshots/}.
 */
@QuarkusIntegrationTest
class WebPageIT {

    private static final String CHROMIUM = System.getProperty("pulse.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("pulse.test.chromedriver", "/usr/bin/chromedriver");

    private static final Duration TEN = Duration.ofSeconds(10);

    private static WebDriver browser;
    private static Path profile;

    @TestHTTPResource("/")
    URL page;

    @BeforeAll
    static void openBrowser() throws Exception {
        assertTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "the browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
                        + " at " + CHROMIUM + " and " + CHROMEDRIVER);
        profile = Files.createTempDirectory("pulse-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run", "--window-size=1280,1100",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageFollowsAndDrivesTheService() throws Exception {
        browser.get(page.toString());
        await().atMost(TEN).until(() -> !browser.findElement(By.id("emitter-state")).getText().isBlank());
        await().atMost(TEN).until(() -> browser.findElement(By.id("rates-chart")).getDomAttribute("data-latest") != null);

        // a message sent from the form is in the tail, with the offset its receipt names, within 2 s
        String nonce = Long.toString(System.nanoTime(), 36);
        type("send-body", "{\"from\": \"the page\", \"nonce\": \"" + nonce + "\"}");
        browser.findElement(By.id("send-button")).click();
        WebElement result = await().atMost(TEN).until(() -> present("#send-result[data-status='201']"), e -> e != null);
        Matcher receipt = Pattern.compile("@(\\d+)").matcher(result.getText());
        assertTrue(receipt.find(), result.getText());
        String offset = receipt.group(1);
        WebElement line = await().atMost(Duration.ofSeconds(2)).until(() -> browser.findElements(By.cssSelector(
                "#tail li.record")).stream().filter(li -> li.getText().contains(nonce)).findFirst().orElse(null),
                e -> e != null);
        assertEquals(offset, line.getDomAttribute("data-offset"));

        // an emitter run started from the page shows in the chart; stopping it from the page stops it
        type("emitter-count", "1000000");
        type("emitter-interval", "2ms");
        browser.findElement(By.id("emitter-start")).click();
        await().atMost(TEN).until(() -> "running".equals(browser.findElement(By.id("emitter-state")).getText()));
        await().atMost(Duration.ofSeconds(5)).until(() -> sampleRate() > 0);
        browser.findElement(By.id("emitter-stop")).click();
        await().atMost(TEN).until(() -> "stopped".equals(browser.findElement(By.id("emitter-state")).getText()));
        long acknowledged = given().get("/sample").then().statusCode(200).extract().jsonPath().getLong("acknowledged");
        assertTrue(acknowledged > 0 && acknowledged < 1_000_000, "acknowledged " + acknowledged);
        Thread.sleep(500);
        assertEquals("stopped", given().get("/sample").then().extract().jsonPath().getString("state"));
        assertEquals(acknowledged, given().get("/sample").then().extract().jsonPath().getLong("acknowledged"));

        // a bad JSON body shows the problem and where it is
        type("send-body", "{\"a\": 1,\n \"b\": }");
        browser.findElement(By.id("send-button")).click();
        await().atMost(TEN).until(() -> present("#send-result[data-status='400']"), e -> e != null);
        String problem = browser.findElement(By.id("send-problem")).getText();
        assertTrue(problem.contains("line 2"), problem);

        browser.manage().window().setSize(new Dimension(1280, 1500));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(shots.resolve("pulse-web.png"),
                ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // the problem answers the page asked for on purpose (400) are logged by the browser itself
                .filter(entry -> !entry.getMessage().contains("status of 400"))
                .toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList());
    }

    @Test
    void everyLiveSourceHasACardThatDrivesIt() {
        browser.get(page.toString());
        for (String source : List.of("x", "bluesky")) {
            await().atMost(TEN).until(() -> browser.findElement(By.id(source + "-source")).isDisplayed());
            await().atMost(TEN).until(() -> !text(source + "-state").isBlank() && !text(source + "-mode").isBlank());
        }
        // no Bluesky stream runs in the test profile: a start from the card goes live (and, with no network, backs off)
        browser.findElement(By.id("bluesky-start")).click();
        await().atMost(TEN).until(() -> List.of("connecting", "backing-off", "streaming").contains(text("bluesky-state")));
        browser.findElement(By.id("bluesky-stop")).click();
        await().atMost(TEN).until(() -> "stopped".equals(text("bluesky-state")));
        assertEquals("stopped", given().get("/bluesky/stream").then().extract().jsonPath().getString("state"));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static WebElement present(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    private static long sampleRate() {
        String latest = browser.findElement(By.id("rates-chart")).getDomAttribute("data-latest");
        if (latest == null) {
            return 0;
        }
        Matcher rate = Pattern.compile("\"sample\"\\s*:\\s*(\\d+)").matcher(latest);
        return rate.find() ? Long.parseLong(rate.group(1)) : 0;
    }
}
