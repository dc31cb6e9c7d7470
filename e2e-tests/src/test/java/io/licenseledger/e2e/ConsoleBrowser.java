package io.licenseledger.e2e;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A headless Chromium driven through Selenium with the system's own browser and driver (Debian's {@code chromium}
 * and {@code chromium-driver}); nothing is downloaded. Without them the tests that need it are skipped, and say
 * so, except on CI ({@code CI=true}), where they fail.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final WebDriver driver;

    private ConsoleBrowser(WebDriver driver) {
        this.driver = driver;
    }

    /** Starts the browser, or skips the calling test (fails it on CI) when none is installed. */
    static ConsoleBrowser startOrSkip() {
        Optional<String> browser = BROWSERS.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        Optional<String> driver = DRIVERS.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst();
        String missing = "the admin console's browser tests need Chromium and its driver (apt-get install chromium "
                + "chromium-driver); found browser " + browser.orElse("none") + ", driver " + driver.orElse("none");
        if (browser.isEmpty() || driver.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(missing + ": CI runs them, so this fails instead of skipping");
            }
            Assumptions.abort(missing + ": skipped");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.get())).usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return waitFor(Duration.ofSeconds(15), ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for a message of the given kind ("ok" or "error") whose text contains {@code text}. */
    WebElement message(String kind, String text) {
        return waitFor(Duration.ofSeconds(15), page -> page.findElements(By.cssSelector(".message." + kind)).stream()
                .filter(message -> message.getText().contains(text)).findFirst().orElse(null));
    }

    /** Polls {@code condition}; an element the live updates replaced between finding and reading it is read again. */
    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(10))
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    String text(String css) {
        return waitFor(Duration.ofSeconds(15), page -> page.findElement(By.cssSelector(css)).getText().trim());
    }

    /** The whole page: the window is made as tall as the page (up to 4,000 pixels) for the picture. */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Dimension window = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(window.width, (int) Math.min(4_000, height + 150)));
        try {
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
