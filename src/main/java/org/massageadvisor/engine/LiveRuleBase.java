package org.massageadvisor.engine;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.Vocabulary;
import org.massageadvisor.io.EnvironmentException;

/**
 * The rule base a long-running process serves, kept live: a watcher recompiles the rules folder when
 * a file in it changes, runs a gate (normally {@code check}) on the result, and swaps it in
 * atomically only if the gate passes. A bad edit never takes the service down: the last good rule
 * base keeps serving and the listener hears why the new one was refused.
 */
public final class LiveRuleBase implements AutoCloseable {

    /** Decides whether a compiled rule base may go live: the reasons it may not, or none. */
    @FunctionalInterface
    public interface Gate {
        List<String> problems(RuleBase candidate);
    }

    /**
     * The outcome of one reload: live (the new version serves) or refused (with reasons; the old
     * version keeps serving). {@code latencyMillis} runs from the newest file's save time to the
     * decision, for reloads the watcher triggered; -1 otherwise.
     */
    public record Reload(boolean live, String version, String serving, List<String> reasons, long latencyMillis) {

        public Reload {
            reasons = List.copyOf(reasons);
        }
    }

    private final Path dir;
    private final Gate gate;
    private final Consumer<Reload> listener;
    private final AtomicReference<Evaluator> current = new AtomicReference<>();
    private final Object reloading = new Object();
    private volatile WatchService watchService;
    private Thread watcher;

    public LiveRuleBase(Path dir, Gate gate, Consumer<Reload> listener) {
        this.dir = dir;
        this.gate = gate;
        this.listener = listener;
    }

    /** The evaluator of the rule base now live, or null before the first good one. */
    public Evaluator current() {
        return current.get();
    }

    /** Compiles and gates the folder now; swaps it in if it passes. */
    public Reload reload() {
        return reload(false);
    }

    private Reload reload(boolean timed) {
        synchronized (reloading) {
            Evaluator live = current.get();
            String serving = live == null ? null : live.ruleBase().version();
            RuleFiles files;
            try {
                files = RuleFiles.read(dir);
            } catch (InputException e) {
                return report(new Reload(false, null, serving, List.of(e.getMessage()), -1));
            } catch (EnvironmentException e) {
                if (!timed) {
                    throw e;
                }
                // While watching, a folder that cannot be read now (a link that leads nowhere, a file renamed
                // away between the listing and the read) is a refused edit: the old rules keep serving and
                // the watcher goes on; the next change is read again.
                return report(new Reload(false, null, serving, List.of(e.getMessage()), -1));
            }
            long savedAt = timed ? newestSave() : -1;
            if (files.version().equals(serving)) {
                return new Reload(true, serving, serving, List.of(), -1);
            }
            List<String> problems;
            RuleBase candidate = null;
            try {
                candidate = RuleBase.compile(files, Vocabulary.load(dir.resolve(Vocabulary.FILE_NAME)));
                problems = gate.problems(candidate);
            } catch (RuleCompilationException e) {
                problems = e.problems().stream().map(p -> "the rules do not compile: " + p).toList();
            } catch (InputException | RuleException e) {
                problems = List.of(e.getMessage());
            } catch (RuntimeException e) {
                // Whatever goes wrong with a candidate, the live rules keep serving.
                problems = List.of("the check could not complete: " + e);
            }
            long latency = savedAt < 0 ? -1 : Math.max(0, System.currentTimeMillis() - savedAt);
            if (!problems.isEmpty()) {
                return report(new Reload(false, files.version(), serving, problems, latency));
            }
            current.set(new Evaluator(candidate));
            return report(new Reload(true, files.version(), files.version(), List.of(), latency));
        }
    }

    private Reload report(Reload reload) {
        listener.accept(reload);
        return reload;
    }

    /** When the newest file under the folder (outside hidden folders such as {@code .git}) was last written, in epoch milliseconds. */
    private long newestSave() {
        try {
            return RuleFiles.visiblePaths(dir).stream().filter(Files::isRegularFile).map(LiveRuleBase::modified)
                    .mapToLong(FileTime::toMillis).max().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Watches the folder (and its subfolders) in a background thread; after a change, waits until
     * the folder has been quiet for {@code debounce} (an editor's save is often several writes), then
     * reloads.
     */
    public synchronized void watch(Duration debounce) throws IOException {
        if (watcher != null) {
            return;
        }
        WatchService ws = FileSystems.getDefault().newWatchService();
        register(ws, dir);
        watchService = ws;
        watcher = new Thread(() -> loop(ws, debounce), "rules-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Watches the folder and the folders under it that can hold rules: not hidden ones such as the
     * workbench's {@code .git}, whose commits are no edit of the rules (and whose temporary files vanish
     * while they are walked).
     */
    private static void register(WatchService ws, Path root) throws IOException {
        List<Path> folders = new ArrayList<>();
        folders.add(root);
        for (Path p : RuleFiles.visiblePaths(root)) {
            if (Files.isDirectory(p)) {
                folders.add(p);
            }
        }
        for (Path d : folders) {
            try {
                d.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            } catch (NoSuchFileException e) {
                // Removed since the walk: nothing left to watch there.
            }
        }
    }

    private void loop(WatchService ws, Duration debounce) {
        try {
            while (true) {
                drain(ws.take());
                WatchKey more;
                while ((more = ws.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                register(ws, dir);
                reload(true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: stop watching
        } catch (IOException e) {
            listener.accept(new Reload(false, null, current.get() == null ? null : current.get().ruleBase().version(),
                    List.of("stopped watching " + dir + ": " + e.getMessage()), -1));
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Stops watching; the live rule base stays readable. */
    @Override
    public synchronized void close() throws IOException {
        WatchService ws = watchService;
        watchService = null;
        if (ws != null) {
            ws.close();
        }
        if (watcher != null) {
            watcher.interrupt();
            watcher = null;
        }
    }
}
