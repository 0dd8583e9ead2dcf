package org.massageadvisor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massageadvisor.RuleFolders;
import org.massageadvisor.TestRules;
import org.massageadvisor.engine.RuleFiles;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in headless Chromium (Debian's chromium and chromium-driver): fill the form, submit,
 * read the answer; a referral; the print handout; a rule edit going live. Screenshots of the answer,
 * the referral and the handout go to {@code target/screenshots/}.
 */
class WebPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private static RunningService svc;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws IOException {
        Path rules = RuleFolders.copyShipped(tmp.resolve("rules"));
        svc = RunningService.start(rules, List.of(), 1 << 20);
        driver = Chromium.start(tmp.resolve("chromium-profile"), 1000);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (svc != null) {
            svc.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Chooses the options and boxes of a profile on the empty form and submits it with the keyboard. */
    private static void fill(String goal, String type, String activity, List<String> boxes, String lastDate) {
        driver.get(svc.server.url() + "/");
        new Select(driver.findElement(By.id("goal"))).selectByValue(goal);
        new Select(driver.findElement(By.id("massageType"))).selectByValue(type);
        new Select(driver.findElement(By.id("activityLevel"))).selectByValue(activity);
        for (String box : boxes) {
            driver.findElement(By.id(box)).click();
        }
        if (lastDate != null) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("lastMassageDate")), lastDate);
        }
        driver.findElement(By.id("submit")).sendKeys(Keys.ENTER);
    }

    @Test
    void aFilledFormShowsTheIntervalTheDatesAndTheCards() throws IOException {
        // Chronic pain 3-7, +2 for soreness = 5-7 days; 20 Nov + 5 and + 7.
        fill("CHRONIC_PAIN", "DEEP_TISSUE", "SEDENTARY", List.of("bodyResponses-SORE", "conditions-HERNIATED_DISC"), "2026-11-20");
        WebElement interval = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("interval")));
        assertThat(interval.getText()).isEqualTo("5\u20137 days");
        assertThat(driver.findElement(By.id("window")).getText()).isEqualTo("Next massage between 2026-11-25 and 2026-11-27");
        List<WebElement> cards = driver.findElements(By.cssSelector("#warnings .card"));
        assertThat(cards).extracting(c -> c.getAttribute("data-code") + "/" + c.getAttribute("data-indicator"))
                .containsExactly("CONSULT_DOCTOR/warning", "ALLOW_RECOVERY/info");
        assertThat(driver.findElements(By.cssSelector("#why li"))).extracting(WebElement::getText).first().asString().startsWith("start: every 3-7 days");
        assertThat(driver.findElements(By.cssSelector("#tips li"))).hasSize(5);
        // The form keeps what was chosen.
        assertThat(new Select(driver.findElement(By.id("goal"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("CHRONIC_PAIN");
        screenshot("answer.png");
    }

    @Test
    void anAgeFrom65AddsTheFrailtyPrecautionCard() {
        driver.get(svc.server.url() + "/");
        new Select(driver.findElement(By.id("goal"))).selectByValue("RELAXATION");
        new Select(driver.findElement(By.id("massageType"))).selectByValue("SWEDISH");
        new Select(driver.findElement(By.id("activityLevel"))).selectByValue("MODERATE");
        driver.findElement(By.id("age")).sendKeys("70");
        driver.findElement(By.id("submit")).sendKeys(Keys.ENTER);
        // Relaxation: every 7-14 days; a moderate activity level changes nothing; 70 >= 65 gives the precaution.
        WebElement interval = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("interval")));
        assertThat(interval.getText()).isEqualTo("7\u201314 days");
        assertThat(driver.findElements(By.cssSelector("#warnings .card")))
                .extracting(c -> c.getAttribute("data-code") + "/" + c.getAttribute("data-indicator"))
                .containsExactly("FRAILTY_PRECAUTION/warning");
        assertThat(driver.findElement(By.id("age")).getAttribute("value")).isEqualTo("70");
    }

    @Test
    void aReferralShowsACriticalCardAndNoInterval() throws IOException {
        fill("RELAXATION", "SWEDISH", "MODERATE", List.of("conditions-BLOOD_CLOT"), null);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("refer")));
        assertThat(driver.findElements(By.id("interval"))).isEmpty();
        assertThat(driver.findElements(By.id("window"))).isEmpty();
        WebElement critical = driver.findElement(By.cssSelector("#warnings .card.critical"));
        assertThat(critical.getAttribute("data-code")).isEqualTo("REFER");
        assertThat(critical.getText()).contains("no interval is safe to give without a professional");
        assertThat(driver.findElements(By.cssSelector("#warnings .card"))).extracting(c -> c.getAttribute("data-code")).contains("CONSULT_DOCTOR");
        screenshot("referral.png");
    }

    @Test
    void thePrintViewIsAHandoutWithoutRuleInternals() throws IOException {
        fill("CHRONIC_PAIN", "DEEP_TISSUE", "SEDENTARY", List.of("bodyResponses-SORE"), "2026-11-20");
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("print-link"))).click();
        WebElement interval = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("body.print #interval")));
        assertThat(interval.getText()).isEqualTo("5\u20137 days");
        assertThat(driver.findElement(By.id("window")).getText()).isEqualTo("Book your next massage between 2026-11-25 and 2026-11-27.");
        String text = driver.findElement(By.tagName("body")).getText();
        assertThat(text).contains("Stretch between sessions").contains("You were sore after the last session")
                .doesNotContain("Muscles that need recovery wait two more days").doesNotContain("sha256").doesNotContain("rule")
                .doesNotContain("ALLOW_RECOVERY");
        screenshot("print.png");
    }

    @Test
    void everyFieldHasALabelAndThePageFitsAPhone() {
        driver.get(svc.server.url() + "/");
        for (WebElement input : driver.findElements(By.cssSelector("form input, form select"))) {
            String id = input.getAttribute("id");
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for #" + id).hasSize(1);
        }
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(375, 800));
            driver.navigate().refresh();
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("goal")));
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("horizontal overflow at phone width").isLessThanOrEqualTo(0);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Test
    void anEditedRuleFileGoesLiveAndThePageShowsTheNewVersion() throws IOException {
        Path rules = svc.service.rulesDir();
        driver.get(svc.server.url() + "/");
        String before = driver.findElement(By.id("ruleset-version")).getText();
        assertThat(before).isEqualTo(RuleFiles.read(rules).version());
        Path file = rules.resolve("self-care-tips.drl");
        RuleFolders.write(file, RuleFolders.read(file) + "\n// reviewed again at the front desk\n");
        String after = RuleFiles.read(rules).version();
        assertThat(after).isNotEqualTo(before);
        waiting().pollingEvery(Duration.ofMillis(200)).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("ruleset-version")).getText().equals(after);
        });
        driver.get(svc.server.url() + "/rules");
        assertThat(driver.findElement(By.id("last-reload")).getText()).contains("live").contains(after);
        assertThat(TestRules.RULES).isDirectory();
    }
}
