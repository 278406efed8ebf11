package io.tollgate.it;

import static io.tollgate.it.Asserts.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console (src/main/webapp) in a real headless Chromium, driven by Selenium against the
 * packaged WAR started as the README starts it: root sets up a project, brokers, users and
 * memberships; an admin member creates a restricted token, copies its secret, uses it over HTTP and
 * revokes it in the page; a viewer sees no edit controls, and the same person made editor sees
 * the editor's; an admin token writes a token's MQTT rules and connects a broker. Saves the screenshots
 * console-tokens.png, console-new-token.png, console-mqtt-rules.png and console-connect-broker.png in
 * target/console-screenshots/, never in the tracked docs/ unless asked on purpose:
 * {@code mvn verify -Dit.test=ConsoleIT -Dtollgate.console.screenshots=docs} (any directory; relative
 * to the project) refreshes the README's pictures.
 *
 * Needs Debian's Chromium and its driver (apt-get install chromium chromium-driver); skipped, with
 * that message, when they are missing. Selenium Manager never runs (the driver executable is
 * given explicitly), so nothing is downloaded.
 */
class ConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ROOT = "console-it-root-credential-0123456789abcdefghij";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration STARTUP = Duration.ofSeconds(180);
    /** Where the screenshots go: target/ by default, docs/ (or any directory) only when asked by this property. */
    private static final String SCREENSHOTS_PROPERTY = "tollgate.console.screenshots";

    private static Path dir;
    private static TollgateServer server;
    private static ChromeDriverService service;
    private static WebDriver driver;
    private static WebDriverWait wait;

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void start() throws Exception {
        if (!browserInstalled()) {
            return; // the test method reports the skip, with its reason
        }
        dir = Path.of(System.getProperty("tollgate.it.dir"), "console-" + System.nanoTime());
        Files.createDirectories(dir);
        server = TollgateServer.start(dir.resolve("data"), dir.resolve("server.log"), Map.of("TOLLGATE_ROOT_TOKEN", ROOT));

        // the machine's driver, given explicitly: Selenium Manager is skipped and downloads nothing
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));

        assertTrue(server.awaitReady(STARTUP), "server did not start:\n" + server.log());
        driver = new ChromeDriver(service, options);
        // polled every 50 ms, not WebDriverWait's default 500 ms: most waits are for a list the page re-renders
        // within milliseconds, and at 500 ms each such wait cost half a second (about 30 s of the suite)
        wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class); // lists are re-rendered after every change
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.kill(); // its stop is not under test here (LifecycleIT's is): no 3 s grace at the end
        }
    }

    @Test
    void rootSetsUpAMemberManagesATokenAndAViewerOnlyReads() throws Exception {
        assumeTrue(browserInstalled(), "ConsoleIT skipped: it needs Debian's Chromium at " + CHROMIUM
                + " and its driver at " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)");
        try {
            scenario();
        } catch (Throwable failure) {
            Files.write(dir.resolve("failure.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve("failure.html"), driver.getPageSource());
            throw failure;
        }
    }

    private void scenario() throws Exception {
        driver.get(server.base().toString());
        js("sessionStorage.clear()"); // each scenario starts signed out, whatever ran before it
        driver.navigate().refresh();

        // ---- root: a pasted credential; a wrong one is refused with a readable message
        waitFor(By.id("login-form"));
        type(By.id("token-credential"), "tg_this-is-not-a-token");
        click(By.id("token-submit"));
        waitText(By.id("token-credential-error"), "not accepted");
        type(By.id("token-credential"), ROOT);
        click(By.id("token-submit"));
        waitText(By.id("whoami"), "root");
        assertEquals(ROOT, js("return sessionStorage.getItem('tollgate.console.credential')"));
        assertEquals(0L, js("return localStorage.length"));

        // ---- a project (a taken name comes back as the server's 409 next to the field)
        type(By.id("project-name"), "factory");
        click(By.id("project-create"));
        waitFor(By.linkText("factory"));
        type(By.id("project-name"), "factory");
        click(By.id("project-create"));
        waitText(By.id("project-name-error"), "already exists");
        click(By.linkText("factory"));
        waitFor(By.id("broker-form"));
        String projectId = projectIdFromUrl();

        // ---- two brokers: checked in the page first, then by the server
        click(By.id("broker-add"));
        waitText(By.id("broker-name-error"), "Enter a name");
        type(By.id("broker-name"), "hall-1");
        type(By.id("broker-url"), "mqtt://user:secret@hall1.local:1883");
        click(By.id("broker-add"));
        WebElement urlError = waitFor(By.id("broker-url-error"));
        assertFalse(urlError.getText().isBlank(), "the server's validation message is shown next to the URL");
        type(By.id("broker-url"), "mqtt://hall1.local:1883");
        click(By.id("broker-add"));
        waitFor(row("broker", "hall-1"));
        type(By.id("broker-name"), "hall-2");
        type(By.id("broker-url"), "mqtt://hall2.local:1883");
        click(By.id("broker-add"));
        waitFor(row("broker", "hall-2"));

        // edit one in its dialog
        driver.findElement(row("broker", "hall-2")).findElement(By.cssSelector("button.edit-broker")).click();
        waitFor(By.id("broker-dialog"));
        type(By.id("edit-broker-url"), "mqtts://hall2.local:8883");
        click(By.id("edit-broker-save"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(row("broker", "hall-2"), "mqtts://hall2.local:8883"));
        Api root = server.api(ROOT);
        List<String> brokerIds = root.get("api/projects/" + projectId + "/brokers").array().stream()
                .map(b -> b.asJsonObject().getString("id")).toList();
        assertEquals(2, brokerIds.size());

        // ---- two users, and their memberships
        click(By.id("nav-users"));
        waitFor(By.id("user-form"));
        type(By.id("user-username"), "alice");
        type(By.id("user-password"), "short");
        click(By.id("user-create"));
        waitText(By.id("user-password-error"), "at least 12");
        type(By.id("user-password"), PASSWORD);
        click(By.id("user-create"));
        waitFor(By.cssSelector("#users-table tr[data-username='alice']"));
        type(By.id("user-username"), "victor");
        type(By.id("user-password"), PASSWORD);
        click(By.id("user-create"));
        waitFor(By.cssSelector("#users-table tr[data-username='victor']"));

        openProject("factory", "members");
        addMember("alice", "admin");
        addMember("victor", "viewer");

        // tokens root made through the API, for a fuller list
        root.createToken(projectId, Api.TokenSpec.of("dashboard", "viewer"));
        String sensorSecret = root.createToken(projectId, Api.TokenSpec.of("line-sensor", "viewer")
                .restricted(brokerIds.get(1)).validDate(LocalDate.now(ZoneOffset.UTC).plusDays(7))).object().getString("token");
        assertNoOtherHost();
        signOut();

        // ---- alice, an admin member, signs in with her password
        type(By.id("login-username"), "alice");
        type(By.id("login-password"), "wrong password, surely");
        click(By.id("login-submit"));
        waitText(By.id("login-error"), "Wrong username or password");
        type(By.id("login-password"), PASSWORD);
        click(By.id("login-submit"));
        waitText(By.id("whoami"), "alice");
        openProject("factory", "tokens");
        waitFor(row("token", "dashboard"));

        // the new-token dialog: checks before sending, then the server creates it
        click(By.id("new-token"));
        waitFor(By.id("token-dialog"));
        assertEquals(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString(),
                driver.findElement(By.id("token-valid-date")).getAttribute("value"), "valid until defaults to 30 days");
        type(By.id("token-name"), "a-name-that-is-much-too-long-for-a-token");
        click(By.id("token-create"));
        waitText(By.id("token-name-error"), "At most 30");
        type(By.id("token-name"), "ci-deploy");
        new Select(driver.findElement(By.id("token-role"))).selectByValue("editor");
        click(By.id("token-type-restricted"));
        click(By.id("token-create"));
        waitText(By.id("token-brokers-error"), "at least one broker");
        click(By.cssSelector("input[name='brokers'][data-broker-name='hall-1']"));
        click(By.id("token-create"));
        String secret = waitFor(By.id("new-token-secret")).getText().strip();
        assertTrue(secret.startsWith("tg_"), secret);
        assertTrue(driver.findElement(By.id("secret-warning")).getText().contains("never be shown again"));
        screenshot("console-new-token.png");

        // closing without having copied asks first
        click(By.id("token-done"));
        waitText(By.id("confirm-dialog"), "not copied");
        click(By.id("confirm-cancel"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        assertTrue(driver.findElement(By.id("token-dialog")).isDisplayed(), "the dialog stays open");
        click(By.id("copy-secret"));
        waitText(By.id("copy-status"), "Copied");
        click(By.id("token-done"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-dialog")));
        assertTrue(driver.findElements(By.id("confirm-dialog")).isEmpty(), "no question once copied");

        // listed without its secret
        WebElement listed = waitFor(row("token", "ci-deploy"));
        assertEquals("editor", cell(listed, "Role"));
        assertEquals("Restricted", detail("ci-deploy", "Type"));
        assertEquals("hall-1", cell(listed, "Brokers"));
        assertEquals("alice", detail("ci-deploy", "Requested by"));
        assertEquals("Valid", cell(listed, "Status"));
        assertEquals("Never", cell(listed, "Last used"));
        assertEquals("Role default", detail("ci-deploy", "MQTT rules"), "no rules chosen: the role's default");
        assertEquals(sha256(secret), detailsOf("ci-deploy").findElement(By.cssSelector("dd[data-label='Hash'] code"))
                .getAttribute("title"));
        // the details row opens and closes under the token's row
        WebElement toggle = listed.findElement(By.cssSelector("button.details-toggle"));
        assertFalse(detailsOf("ci-deploy").isDisplayed(), "details start closed");
        toggle.click();
        wait.until(d -> detailsOf("ci-deploy").isDisplayed());
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        assertEquals(sha256(secret), detailsOf("ci-deploy").findElement(By.cssSelector("dd[data-label='Hash'] code")).getText());
        toggle.click();
        wait.until(d -> !detailsOf("ci-deploy").isDisplayed());
        assertFalse(driver.getPageSource().contains(secret), "the secret is gone from the page");

        // the token works for a program
        Api program = server.api(secret);
        Api.Reply used = program.get("api/projects/" + projectId + "/brokers");
        assertEquals(200, used.status(), used::toString);
        assertEquals(1, used.array().size(), "a restricted token sees its broker only");
        click(By.id("refresh-tokens"));
        wait.until(d -> !cell(d.findElement(row("token", "ci-deploy")), "Last used").equals("Never"));

        // revoked in the page: the program is refused at once
        tokenAction("ci-deploy", "revoke-token");
        waitText(By.id("confirm-dialog"), "ci-deploy");
        click(By.id("confirm-ok"));
        wait.until(ExpectedConditions.numberOfElementsToBe(row("token", "ci-deploy"), 0));
        assertEquals(401, program.get("api/projects/" + projectId + "/brokers").status());

        // phone width: nothing sticks out sideways
        driver.manage().window().setSize(new Dimension(390, 844));
        assertEquals(Boolean.TRUE, js("return document.documentElement.scrollWidth <= window.innerWidth"),
                "no horizontal scrolling at phone width");
        driver.manage().window().setSize(new Dimension(1280, 800));
        assertNoOtherHost();
        signOut();

        // ---- victor, a viewer member: reads, and sees no edit control
        type(By.id("login-username"), "victor");
        type(By.id("login-password"), PASSWORD);
        click(By.id("login-submit"));
        waitText(By.id("whoami"), "victor");
        openProject("factory", "brokers");
        waitFor(row("broker", "hall-1"));
        waitFor(row("broker", "hall-2"));
        waitText(By.id("my-role"), "viewer");
        assertTrue(driver.findElements(By.id("broker-form")).isEmpty(), "no add-broker form");
        assertTrue(driver.findElements(By.cssSelector(".edit-broker, .delete-broker")).isEmpty(), "no edit or delete");
        assertTrue(driver.findElements(By.id("tab-tokens")).isEmpty(), "no tokens page");
        assertTrue(driver.findElements(By.id("tab-members")).isEmpty(), "no members page");
        assertTrue(driver.findElements(By.cssSelector("main button")).isEmpty(), "no button at all in the page");
        driver.get(server.base() + "#/projects/" + projectId + "/tokens");
        waitFor(By.id("not-allowed"));
        assertTrue(driver.findElements(By.id("new-token")).isEmpty());

        // ---- the same person made editor: the page follows the membership at once
        root.putMember(projectId, "victor", "editor");
        driver.get(server.base() + "#/projects/" + projectId + "/brokers");
        driver.navigate().refresh();
        waitText(By.id("my-role"), "editor");
        waitFor(By.id("broker-form"));
        assertEquals(2, driver.findElements(By.cssSelector("button.edit-broker")).size(), "editors edit brokers");
        assertTrue(driver.findElements(By.cssSelector(".delete-broker")).isEmpty(), "only admins delete brokers");
        assertTrue(driver.findElements(By.id("tab-tokens")).isEmpty(), "no tokens page for editors");
        assertEquals(1L, js("return sessionStorage.length"), "a reload keeps the tab's session");
        signOut();

        // ---- a restricted viewer token pasted in: its own broker only, and nothing to edit
        type(By.id("token-credential"), sensorSecret);
        click(By.id("token-submit"));
        waitText(By.id("whoami"), "line-sensor");
        waitFor(row("broker", "hall-2"));
        assertTrue(driver.findElements(row("broker", "hall-1")).isEmpty(), "a restricted token sees its brokers only");
        assertTrue(driver.findElements(By.cssSelector("main button")).isEmpty(), "no button at all in the page");
        assertTrue(driver.findElements(By.id("tab-tokens")).isEmpty(), "no tokens page");
        signOut();
        assertNoScriptErrors();
    }

    @Test
    void theTokensTableFitsALaptopScreenWithEachRowsActionsInAMenu() throws Exception {
        assumeTrue(browserInstalled(), "ConsoleIT skipped: it needs Debian's Chromium at " + CHROMIUM
                + " and its driver at " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)");
        try {
            laptopScenario();
        } catch (Throwable failure) {
            Files.write(dir.resolve("laptop-failure.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve("laptop-failure.html"), driver.getPageSource());
            throw failure;
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    private void laptopScenario() throws Exception {
        Api root = server.api(ROOT);
        String projectId = root.createProject("warehouse").object().getString("id");
        String north = root.createBroker(projectId, "north-hall-production-broker", "mqtt://north.local:1883").object().getString("id");
        String south = root.createBroker(projectId, "south-hall-production-broker", "mqtt://south.local:1883").object().getString("id");
        root.createToken(projectId, Api.TokenSpec.of("grafana-dashboards", "viewer"));
        root.createToken(projectId, Api.TokenSpec.of("forklift-telemetry-ingest", "editor").restricted(north, south));
        String suspended = root.createToken(projectId, Api.TokenSpec.of("contractor-laptop-2026", "editor")).object().getString("id");
        assertEquals(200, root.post(Api.token(projectId, suspended) + "/suspend",
                Json.createObjectBuilder().add("reason", "contract ended, laptop not returned yet")).status());
        String rotated = root.createToken(projectId, Api.TokenSpec.of("ci-release-pipeline", "admin")).object().getString("id");
        assertEquals(200, root.post(Api.token(projectId, rotated) + "/rotate",
                Json.createObjectBuilder().add("grace_seconds", 3600)).status());
        root.createToken(projectId, Api.TokenSpec.of("night-shift-scanner", "viewer").restricted(south)
                .validDate(LocalDate.now(ZoneOffset.UTC).plusDays(3)));
        root.createToken(projectId, Api.TokenSpec.of("orphan-check", "viewer").restricted(north));
        root.createToken(projectId, Api.TokenSpec.of("backup-exporter", "viewer"));

        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.get(server.base().toString());
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        type(By.id("token-credential"), ROOT);
        click(By.id("token-submit"));
        waitText(By.id("whoami"), "root");
        openProject("warehouse", "tokens");
        waitFor(row("token", "backup-exporter"));
        assertEquals(Boolean.TRUE, js("return window.innerWidth <= 1280"), "a laptop-wide window");

        // the table fits its frame: no sideways scrolling, every row's actions button in sight
        assertEquals(Boolean.TRUE, js("const wrap = document.querySelector('#tokens-table').parentElement;"
                + "return wrap.scrollWidth <= wrap.clientWidth"), "the tokens table scrolls sideways at 1280 px");
        assertEquals(Boolean.TRUE, js("return document.documentElement.scrollWidth <= window.innerWidth"),
                "the page scrolls sideways at 1280 px");
        List<WebElement> rows = driver.findElements(By.cssSelector("#tokens-table tbody tr[data-token-name]"));
        assertEquals(7, rows.size());
        for (WebElement tokenRow : rows) {
            WebElement actions = tokenRow.findElement(By.cssSelector("button.menu-button"));
            assertTrue(actions.isDisplayed(), tokenRow.getAttribute("data-token-name"));
            assertEquals(Boolean.TRUE, js("const b = arguments[0].getBoundingClientRect();"
                    + "const f = document.querySelector('#tokens-table').parentElement.getBoundingClientRect();"
                    + "return b.width > 0 && b.left >= f.left && b.right <= f.right", actions),
                    "the actions of " + tokenRow.getAttribute("data-token-name") + " are inside the frame");
        }
        Object inSight = js("return [...document.querySelectorAll('#tokens-table tbody tr[data-token-name]')]"
                + ".filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length");
        assertTrue(inSight instanceof Number shown && shown.intValue() >= 6, "tokens on the first screen: " + inSight);
        screenshot("console-tokens.png");

        // the menu is a real button, worked by the keyboard: Enter opens it on its first action,
        // the arrows move, Escape closes it and gives the focus back
        WebElement menuButton = driver.findElement(row("token", "contractor-laptop-2026")).findElement(By.cssSelector("button.menu-button"));
        assertEquals("menu", menuButton.getAttribute("aria-haspopup"));
        menuButton.sendKeys(Keys.ENTER);
        WebElement menu = waitFor(By.cssSelector("tr[data-token-name='contractor-laptop-2026'] [role='menu']"));
        assertEquals("true", menuButton.getAttribute("aria-expanded"));
        assertTrue(driver.switchTo().activeElement().getAttribute("class").contains("rotate-token"), "the first action has the focus");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertTrue(driver.switchTo().activeElement().getAttribute("class").contains("resume-token"),
                "a suspended token offers Resume");
        assertEquals(List.of("Rotate secret…", "Resume…", "Edit name and addresses…", "MQTT rules…", "Usage log", "Revoke…"),
                menu.findElements(By.cssSelector("[role='menuitem']")).stream().map(WebElement::getText).toList());
        driver.findElement(row("token", "forklift-telemetry-ingest")).findElement(By.cssSelector("button.details-toggle")).click();
        assertFalse(menu.isDisplayed(), "a click elsewhere closes the menu");
        WebElement forklift = driver.findElement(row("token", "forklift-telemetry-ingest")).findElement(By.cssSelector("button.menu-button"));
        forklift.sendKeys(Keys.ENTER);
        waitFor(By.cssSelector("tr[data-token-name='forklift-telemetry-ingest'] [role='menu']"));
        screenshot("console-token-actions.png");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        assertEquals(forklift, driver.switchTo().activeElement(), "Escape gives the focus back to the button");
        menuButton.sendKeys(Keys.ENTER);
        waitFor(By.cssSelector("tr[data-token-name='contractor-laptop-2026'] [role='menu']"));
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOf(menu));
        assertEquals("false", menuButton.getAttribute("aria-expanded"));
        assertEquals(menuButton, driver.switchTo().activeElement(), "Escape gives the focus back to the button");
        // Enter on an action runs it
        menuButton.sendKeys(Keys.ENTER);
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitText(By.id("confirm-dialog"), "contract ended");
        click(By.id("confirm-cancel"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        assertTrue(cell(driver.findElement(row("token", "contractor-laptop-2026")), "Status").startsWith("Suspended"),
                "Cancel changes nothing");
        assertNoScriptErrors();
        signOut();
    }

    @Test
    void anAdminRotatesSuspendsEditsAndFollowsUsageAndAuditInThePage() throws Exception {
        assumeTrue(browserInstalled(), "ConsoleIT skipped: it needs Debian's Chromium at " + CHROMIUM
                + " and its driver at " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)");
        try {
            lifecycleScenario();
        } catch (Throwable failure) {
            Files.write(dir.resolve("lifecycle-failure.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve("lifecycle-failure.html"), driver.getPageSource());
            throw failure;
        }
    }

    private void lifecycleScenario() throws Exception {
        Api root = server.api(ROOT);
        String projectId = root.createProject("plant").object().getString("id");
        String gone = root.createBroker(projectId, "gone", "mqtt://gone.local:1883").object().getString("id");
        String oldSecret = root.createToken(projectId, Api.TokenSpec.of("ci-job", "viewer")).object().getString("token");
        root.createToken(projectId, Api.TokenSpec.of("ending-soon", "viewer")
                .validDate(LocalDate.now(ZoneOffset.UTC).plusDays(2)));
        root.createToken(projectId, Api.TokenSpec.of("orphaned", "viewer").restricted(gone));
        assertEquals(200, root.deleteBroker(projectId, gone).status());

        // ---- root in the page, on the project's tokens
        driver.get(server.base().toString());
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        type(By.id("token-credential"), ROOT);
        click(By.id("token-submit"));
        waitText(By.id("whoami"), "root");
        openProject("plant", "tokens");
        waitFor(row("token", "ci-job"));
        assertTrue(cell(driver.findElement(row("token", "ending-soon")), "Status").contains("expires in"),
                "inside the warning window a token says when it ends");
        assertFalse(cell(driver.findElement(row("token", "ci-job")), "Status").contains("expires in"));
        assertTrue(cell(driver.findElement(row("token", "orphaned")), "Status").contains("no brokers left"),
                "a restricted token whose brokers are all gone is flagged");

        // the status filter asks the server
        new Select(driver.findElement(By.id("token-status-filter"))).selectByValue("expiring");
        wait.until(ExpectedConditions.numberOfElementsToBe(row("token", "ci-job"), 0));
        waitFor(row("token", "ending-soon"));
        new Select(driver.findElement(By.id("token-status-filter"))).selectByValue("");
        waitFor(row("token", "ci-job"));

        // ---- rotate with one hour of grace: the new secret once, the old one still works
        tokenAction("ci-job", "rotate-token");
        waitFor(By.id("rotate-dialog"));
        assertTrue(driver.findElement(By.id("rotate-grace-3600")).isSelected(), "one hour of grace unless chosen otherwise");
        click(By.id("rotate-submit"));
        String newSecret = waitFor(By.id("new-token-secret")).getText().strip();
        assertTrue(newSecret.startsWith("tg_") && !newSecret.equals(oldSecret), newSecret);
        assertFalse(driver.findElement(By.id("rotate-previous-until")).getText().contains("No longer"));
        click(By.id("copy-secret"));
        waitText(By.id("copy-status"), "Copied");
        click(By.id("token-done"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("rotate-dialog")));
        assertFalse(driver.getPageSource().contains(newSecret), "the secret is gone from the page");
        assertEquals(200, server.api(oldSecret).whoami().status(), "the old secret works during the grace");
        assertEquals(200, server.api(newSecret).whoami().status());
        wait.until(d -> cell(d.findElement(row("token", "ci-job")), "Status").contains("previous secret in grace"));

        // ---- suspend with a reason, then resume
        tokenAction("ci-job", "suspend-token");
        waitFor(By.id("suspend-dialog"));
        type(By.id("suspend-reason"), "laptop stolen");
        click(By.id("suspend-submit"));
        wait.until(d -> cell(d.findElement(row("token", "ci-job")), "Status").contains("Suspended"));
        assertTrue(cell(driver.findElement(row("token", "ci-job")), "Status").contains("laptop stolen"));
        Api.Reply refused = server.api(newSecret).whoami();
        assertEquals(401, refused.status());
        assertEquals("suspended", refused.object().getJsonObject("info").getString("reason"));
        tokenAction("ci-job", "resume-token");
        waitText(By.id("confirm-dialog"), "laptop stolen");
        click(By.id("confirm-ok"));
        wait.until(d -> cell(d.findElement(row("token", "ci-job")), "Status").startsWith("Valid"));
        assertEquals(200, server.api(newSecret).whoami().status());

        // ---- edit: a block with host bits comes back from the server next to the field
        tokenAction("ci-job", "edit-token");
        waitFor(By.id("edit-token-dialog"));
        type(By.id("edit-token-name"), "ci-deploy-job");
        type(By.id("edit-token-ips"), "10.0.0.1/8");
        click(By.id("edit-token-submit"));
        WebElement ipError = waitFor(By.id("edit-token-ips-error"));
        assertFalse(ipError.getText().isBlank());
        type(By.id("edit-token-ips"), "10.0.0.0/8");
        click(By.id("edit-token-submit"));
        waitFor(row("token", "ci-deploy-job"));
        assertEquals("10.0.0.0/8", detail("ci-deploy-job", "Addresses"));
        Api.Reply elsewhere = server.api(newSecret).whoami();
        assertEquals(403, elsewhere.status(), "127.0.0.1 is outside 10.0.0.0/8");
        assertEquals("ip_not_allowed", elsewhere.object().getJsonObject("info").getString("reason"));

        // ---- the token's usage log: refused uses highlighted
        click(By.cssSelector("tr[data-token-name='ci-deploy-job'] a.token-name"));
        waitFor(By.id("token-title"));
        wait.until(d -> {
            boolean shown = !d.findElements(By.cssSelector("#usage-table tr.refused[data-outcome='ip_not_allowed']")).isEmpty()
                    && !d.findElements(By.cssSelector("#usage-table tr.refused[data-outcome='suspended']")).isEmpty();
            if (!shown) {
                d.navigate().refresh(); // uses are written within 2 s: look again
            }
            return shown;
        });
        assertFalse(driver.findElements(By.cssSelector("#usage-table tr[data-outcome='ok']")).isEmpty());

        // ---- the project's audit tab and root's platform audit page
        click(By.id("tab-audit"));
        for (String action : List.of("token.rotate", "token.suspend", "token.resume", "token.update", "broker.delete")) {
            waitFor(By.cssSelector("#project-audit tr[data-action='" + action + "']"));
        }
        // names and local dates, not UUIDs and epoch milliseconds: the deleted broker is named by its delete event
        WebElement orphaned = waitFor(By.xpath("//table[@id='project-audit']//tr[@data-action='token.create']"
                + "[td[@data-label='Target'][normalize-space()='orphaned']]"));
        wait.until(d -> cell(orphaned, "Details").contains("Brokers: gone"));
        WebElement rotated = driver.findElement(By.cssSelector("#project-audit tr[data-action='token.rotate']"));
        assertTrue(cell(rotated, "Details").contains("Grace: 1 hour"), cell(rotated, "Details"));
        assertNoRawIdsOrEpochs("project-audit", projectId);
        click(By.id("nav-audit"));
        WebElement created = waitFor(By.xpath("//table[@id='platform-audit']//tr[@data-action='project.create']"
                + "[td[@data-label='Target'][normalize-space()='plant']]"));
        assertEquals("plant", cell(created, "Project"), "the project by its name");
        assertNoRawIdsOrEpochs("platform-audit", projectId);
        screenshot("console-audit.png");
        assertFalse(driver.getPageSource().contains(oldSecret) || driver.getPageSource().contains(newSecret));
        assertNoOtherHost();
        signOut();
        assertNoScriptErrors();
    }

    @Test
    void anAdminWritesMqttRulesAndConnectsABrokerInThePage() throws Exception {
        assumeTrue(browserInstalled(), "ConsoleIT skipped: it needs Debian's Chromium at " + CHROMIUM
                + " and its driver at " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)");
        try {
            mqttScenario();
        } catch (Throwable failure) {
            Files.write(dir.resolve("mqtt-failure.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve("mqtt-failure.html"), driver.getPageSource());
            throw failure;
        }
    }

    private void mqttScenario() throws Exception {
        Api root = server.api(ROOT);
        String projectId = root.createProject("depot").object().getString("id");
        root.createBroker(projectId, "edge-1", "mqtt://edge1.local:1883");
        JsonObject sensor = root.createToken(projectId, Api.TokenSpec.of("sensor", "editor")).object();
        String adminSecret = root.createToken(projectId, Api.TokenSpec.of("ops-admin", "admin")).object().getString("token");

        // ---- an admin token pasted in, on the project's tokens
        driver.get(server.base().toString());
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        type(By.id("token-credential"), adminSecret);
        click(By.id("token-submit"));
        waitText(By.id("whoami"), "ops-admin");
        click(By.id("tab-tokens"));
        waitFor(row("token", "sensor"));
        assertEquals("Role default", detail("sensor", "MQTT rules"));

        // ---- the rules editor starts from the role's default: a deny rule added, moved first, saved
        tokenAction("sensor", "rules-token");
        waitFor(By.id("rules-dialog"));
        waitText(By.id("rules-editor-note"), "role\u2019s default");
        assertTrue(driver.findElement(By.id("rules-dialog")).getText().contains("first rule that matches decides"),
                "the editor says that the first match wins");
        assertEquals(List.of("allow all #"), rulesInEditor());
        click(By.id("rules-editor-add"));
        WebElement added = waitFor(By.cssSelector("#rules-editor-list li.rule:nth-child(2)"));
        new Select(added.findElement(By.name("rule_effect"))).selectByValue("deny");
        new Select(added.findElement(By.name("rule_action"))).selectByValue("publish");
        added.findElement(By.name("rule_filter")).sendKeys("devices/private/#");
        waitText(By.id("rules-editor-note"), "Custom rules");
        assertEquals(List.of("allow all #", "deny publish devices/private/#"), rulesInEditor());
        driver.findElement(By.cssSelector("#rules-editor-list li.rule:nth-child(2) button.rule-up")).click();
        assertEquals(List.of("deny publish devices/private/#", "allow all #"), rulesInEditor(), "moved up, first now");
        screenshot("console-mqtt-rules.png");
        click(By.id("rules-save"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("rules-dialog")));
        wait.until(d -> detail("sensor", "MQTT rules").equals("2 rules"));
        List<String> saved = List.of("deny publish devices/private/#", "allow all #");
        assertEquals(saved, rulesOf(root, projectId, "sensor"), "the API returns the rules in the page's order");

        // ---- an invalid filter: the server's own message next to the editor, and nothing saved
        tokenAction("sensor", "rules-token");
        waitFor(By.id("rules-dialog"));
        WebElement filter = driver.findElement(By.cssSelector("#rules-editor-list li.rule:nth-child(1) input[name='rule_filter']"));
        filter.clear();
        filter.sendKeys("a/#/b");
        click(By.id("rules-save"));
        WebElement error = waitFor(By.id("rules-editor-error"));
        Api.Reply refused = root.send("PATCH", Api.token(projectId, sensor.getString("id")),
                "{\"mqtt_rules\":[{\"effect\":\"allow\",\"action\":\"all\",\"filter\":\"a/#/b\"}]}", "application/json");
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("mqtt_rules", refused.object().getJsonObject("info").getString("field"));
        String message = refused.object().getString("message");
        assertTrue(error.getText().contains(message.substring(1)), error.getText() + " shows " + message);
        assertTrue(driver.findElement(By.id("rules-dialog")).isDisplayed(), "the editor stays open");
        click(By.id("rules-cancel"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("rules-dialog")));
        assertEquals(saved, rulesOf(root, projectId, "sensor"), "nothing was saved");

        // ---- rules set when the token is made; absent, the role's default
        click(By.id("new-token"));
        waitFor(By.id("token-dialog"));
        type(By.id("token-name"), "camera");
        click(By.cssSelector("#token-rules-details > summary"));
        waitText(By.id("token-rules-note"), "role\u2019s default");
        assertEquals(List.of("allow subscribe #"), rulesIn("token-rules"), "a viewer's default");
        type(By.cssSelector("#token-rules-list li.rule:nth-child(1) input[name='rule_filter']"), "cameras/#");
        click(By.id("token-create"));
        waitFor(By.id("new-token-secret"));
        assertEquals("1 rule", driver.findElement(By.id("created-rules")).getText().strip());
        click(By.id("copy-secret"));
        waitText(By.id("copy-status"), "Copied");
        click(By.id("token-done"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-dialog")));
        assertEquals(List.of("allow subscribe cameras/#"), rulesOf(root, projectId, "camera"));
        assertEquals(List.of("allow all #"), rulesOf(root, projectId, "ops-admin"));

        // ---- connect the broker: the key once, and the three configurations carry its URLs
        click(By.id("tab-brokers"));
        waitFor(row("broker", "edge-1"));
        assertEquals("None", cell(driver.findElement(row("broker", "edge-1")), "Hook key"));
        driver.findElement(row("broker", "edge-1")).findElement(By.cssSelector("button.connect-broker")).click();
        String key = waitFor(By.id("hook-key-secret")).getText().strip();
        assertTrue(key.startsWith("tgb_"), key);
        assertTrue(driver.findElements(By.id("confirm-dialog")).isEmpty(), "a first key needs no confirmation");
        String emqx = waitFor(By.cssSelector("#config-emqx pre")).getText();
        String mosquitto = driver.findElement(By.cssSelector("#config-mosquitto pre")).getText();
        String rabbitmq = driver.findElement(By.cssSelector("#config-rabbitmq pre")).getText();
        for (String contract : List.of("emqx/authn", "emqx/authz")) {
            assertTrue(hasLine(emqx, "url = \"" + hookUrl(key, contract) + "\""), "EMQX " + contract + ":\n" + emqx);
        }
        assertTrue(hasLine(emqx, "password = \"${password}\"") && hasLine(emqx, "retain = \"${retain}\""), emqx);
        assertTrue(hasLine(mosquitto, "auth_opt_http_port " + server.base().getPort()), mosquitto);
        assertTrue(hasLine(mosquitto, "auth_opt_http_getuser_uri /" + hookPath(key, "go-auth/user")), mosquitto);
        assertTrue(hasLine(mosquitto, "auth_opt_http_aclcheck_uri /" + hookPath(key, "go-auth/acl")), mosquitto);
        assertTrue(hasLine(mosquitto, "auth_opt_disable_superuser true"), mosquitto);
        screenshot("console-connect-broker.png");
        for (String check : List.of("user", "vhost", "resource", "topic")) {
            assertTrue(hasLine(rabbitmq, "auth_http." + check + "_path = " + hookUrl(key, "rabbitmq/" + check)),
                    "RabbitMQ " + check + ":\n" + rabbitmq);
        }
        assertEquals(200, connectCheck(key, sensor).status(), "the key shown is the broker's working key");

        // closing before anything was copied asks first; a copied configuration counts as copied
        click(By.id("hook-done"));
        waitText(By.id("confirm-dialog"), "not copied");
        click(By.id("confirm-cancel"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        click(By.id("copy-config-mosquitto"));
        waitText(By.id("copy-status"), "copied");
        click(By.id("hook-done"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("hook-dialog")));
        assertFalse(driver.getPageSource().contains(key), "the key is gone from the page");
        wait.until(d -> !cell(d.findElement(row("broker", "edge-1")), "Hook key").equals("None"));

        // ---- replacing asks first: "no" keeps the key, "yes" cuts the old one off at once
        driver.findElement(row("broker", "edge-1")).findElement(By.cssSelector("button.connect-broker")).click();
        waitText(By.id("confirm-dialog"), "replaces it at once");
        click(By.id("confirm-cancel"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-dialog")));
        assertTrue(driver.findElements(By.id("hook-dialog")).isEmpty(), "no new key without a yes");
        assertEquals(200, connectCheck(key, sensor).status(), "the key still works");
        driver.findElement(row("broker", "edge-1")).findElement(By.cssSelector("button.connect-broker")).click();
        waitText(By.id("confirm-dialog"), "replaces it at once");
        click(By.id("confirm-ok"));
        String replacement = waitFor(By.id("hook-key-secret")).getText().strip();
        assertTrue(replacement.startsWith("tgb_") && !replacement.equals(key), replacement);
        assertTrue(driver.findElement(By.cssSelector("#config-rabbitmq pre")).getText().contains("/mqtt/" + replacement + "/"));
        click(By.id("copy-hook-key"));
        waitText(By.id("copy-status"), "Copied");
        click(By.id("hook-done"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("hook-dialog")));
        assertEquals(404, connectCheck(key, sensor).status(), "the replaced key is refused");
        assertEquals(200, connectCheck(replacement, sensor).status());
        assertNoOtherHost();
        signOut();
        assertNoScriptErrors();
    }

    /** A whole line of {@code text} is {@code line} (leading spaces aside). */
    private static boolean hasLine(String text, String line) {
        return text.lines().map(String::strip).anyMatch(line::equals);
    }

    /** A hook's full URL on the server under test. */
    private static String hookUrl(String key, String contract) {
        return server.base().resolve(hookPath(key, contract)).toString();
    }

    /** The hook path below the server's base, e.g. {@code mqtt/tgb_…/go-auth/user}. */
    private static String hookPath(String key, String contract) {
        return server.base().resolve("mqtt/" + key + "/" + contract).getPath().substring(1);
    }

    /** The connect check mosquitto-go-auth makes, with this token's id and secret. */
    private static Api.Reply connectCheck(String key, JsonObject token) {
        String body = Json.createObjectBuilder().add("username", token.getString("id"))
                .add("password", token.getString("token")).add("clientid", "console-it").build().toString();
        return server.api(null).post(hookPath(key, "go-auth/user"), body);
    }

    /** The rules of the token named {@code name}, as "effect action filter", from the API. */
    private static List<String> rulesOf(Api api, String projectId, String name) {
        JsonObject token = api.listTokens(projectId).array().stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals(name)).findFirst().orElseThrow();
        return token.getJsonArray("mqtt_rules").stream().map(JsonValue::asJsonObject)
                .map(rule -> rule.getString("effect") + " " + rule.getString("action") + " " + rule.getString("filter"))
                .toList();
    }

    private List<String> rulesInEditor() {
        return rulesIn("rules-editor");
    }

    /** The rules an editor shows, as "effect action filter", top to bottom. */
    private List<String> rulesIn(String editorId) {
        return driver.findElements(By.cssSelector("#" + editorId + "-list li.rule")).stream()
                .map(rule -> rule.findElement(By.name("rule_effect")).getAttribute("value") + " "
                        + rule.findElement(By.name("rule_action")).getAttribute("value") + " "
                        + rule.findElement(By.name("rule_filter")).getAttribute("value"))
                .toList();
    }

    // ---- page helpers ------------------------------------------------------------------------

    private static By row(String kind, String name) {
        return By.cssSelector("tr[data-" + kind + "-name='" + name + "']");
    }

    /** A table a person reads shows neither the project's UUID nor a 13-digit epoch-ms number. */
    private void assertNoRawIdsOrEpochs(String tableId, String projectId) {
        String text = driver.findElement(By.id(tableId)).getText();
        assertFalse(text.contains(projectId), "a project id in " + tableId + ":\n" + text);
        assertFalse(Pattern.compile("\\b1\\d{12}\\b").matcher(text).find(), "epoch milliseconds in " + tableId + ":\n" + text);
        assertFalse(Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b").matcher(text).find(),
                "a UUID in " + tableId + ":\n" + text);
    }

    /** The details row under a token's row (shown or not). */
    private WebElement detailsOf(String tokenName) {
        return driver.findElement(By.cssSelector("tr.token-details[data-details-of='" + tokenName + "']"));
    }

    /** One fact of a token's details row, whether the row is open or not. */
    private String detail(String tokenName, String label) {
        WebElement fact = detailsOf(tokenName).findElement(By.cssSelector("dd[data-label='" + label + "']"));
        return fact.getDomProperty("textContent").strip();
    }

    /** Opens a token's actions menu (its row's one "Actions" button) and chooses the item of class {@code action}. */
    private void tokenAction(String tokenName, String action) {
        WebElement menuButton = wait.until(d -> d.findElement(row("token", tokenName)).findElement(By.cssSelector("button.menu-button")));
        menuButton.click();
        WebElement item = wait.until(ExpectedConditions.visibilityOf(
                driver.findElement(row("token", tokenName)).findElement(By.cssSelector("[role='menu'] button." + action))));
        item.click();
    }

    private static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-label='" + column + "']")).getText().strip();
    }

    private WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void waitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void type(By by, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(by));
        input.clear();
        input.sendKeys(text);
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private void openProject(String name, String tab) {
        click(By.id("nav-projects"));
        click(By.linkText(name));
        click(By.id("tab-" + tab));
        waitFor(By.cssSelector("#tab-" + tab + "[aria-current='page']"));
    }

    private void addMember(String username, String role) {
        type(By.id("member-username"), username);
        new Select(driver.findElement(By.id("member-role"))).selectByValue(role);
        click(By.id("member-add"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#members-table tr[data-username='" + username + "']"), role));
    }

    private void signOut() {
        click(By.id("sign-out"));
        waitFor(By.id("login-form"));
        assertEquals(0L, js("return sessionStorage.length"), "the credential is forgotten");
        assertEquals(0L, js("return localStorage.length"), "nothing in localStorage");
        assertEquals("", js("return document.cookie"), "no cookie");
    }

    private String projectIdFromUrl() {
        Matcher matcher = Pattern.compile("#/projects/([^/]+)/").matcher(driver.getCurrentUrl());
        assertTrue(matcher.find(), driver.getCurrentUrl());
        return matcher.group(1);
    }

    /** Every resource the page loaded or fetched came from the server under test. */
    private void assertNoOtherHost() {
        Object foreign = js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => !n.startsWith(location.origin + '/'))");
        assertEquals(List.of(), foreign, "requests to another host");
    }

    /** The browser console holds no script error (failed requests the scenario provoked are expected). */
    private void assertNoScriptErrors() {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource: the server responded with a status of"))
                .toList();
        assertEquals(List.of(), errors, "errors in the browser console");
    }

    private void screenshot(String name) throws IOException {
        Path directory = screenshotDirectory();
        Files.createDirectories(directory);
        Files.write(directory.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    static Path screenshotDirectory() {
        String asked = System.getProperty(SCREENSHOTS_PROPERTY, "");
        return asked.isBlank() ? Path.of("target", "console-screenshots") : Path.of(asked);
    }
}
