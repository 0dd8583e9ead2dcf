package org.massageadvisor.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.massageadvisor.engine.RuleFiles;

/**
 * The rules folder's Git history (JGit). If the folder lies inside a Git work tree, that repository is
 * used and only the rule files are ever committed; otherwise the folder becomes a repository of its
 * own, with a first commit of the rules as found. Every publish is a commit whose author is the
 * proposer, whose committer is the reviewer, and whose message ends with {@code Reviewed-by:} and
 * {@code Ruleset-Version:} trailers.
 */
final class RulesRepository implements AutoCloseable {

    static final String REVIEWED_BY = "Reviewed-by";
    static final String RULESET_VERSION = "Ruleset-Version";
    static final String PROPOSAL = "Proposal";
    /** The most commits history lists. */
    static final int HISTORY_LIMIT = 200;

    /** One commit of the rules: id, time, author, committer, the message without trailers, and the trailers. */
    record Commit(String id, Instant at, String author, String committer, String message, Map<String, String> trailers,
            String parent) {
    }

    private final Git git;
    private final Path rulesDir;
    /** The rules folder inside the work tree, with a trailing {@code /}; empty when the folder is the work tree. */
    private final String prefix;
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    private RulesRepository(Git git, Path rulesDir, String prefix) {
        this.git = git;
        this.rulesDir = rulesDir;
        this.prefix = prefix;
    }

    /** Opens the repository the folder lies in, or makes the folder one (with a first commit of its rule files). */
    static RulesRepository open(Path rulesDir, Instant now) {
        try {
            Path real = rulesDir.toRealPath();
            FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(real.toFile());
            if (builder.getGitDir() != null) {
                Repository repository = builder.setMustExist(true).build();
                if (!repository.isBare()) {
                    Path workTree = repository.getWorkTree().toPath().toRealPath();
                    if (real.startsWith(workTree)) {
                        String relative = workTree.relativize(real).toString().replace('\\', '/');
                        return new RulesRepository(new Git(repository), real, relative.isEmpty() ? "" : relative + "/");
                    }
                }
                repository.close();
            }
            Repository made = Git.init().setDirectory(real.toFile()).setInitialBranch("main").call().getRepository();
            RulesRepository repo = new RulesRepository(new Git(made), real, "");
            List<String> files = new ArrayList<>(RuleFiles.read(real).files().keySet());
            PersonIdent workbench = new PersonIdent("workbench", "", now, ZoneId.of("UTC"));
            repo.commit(files, workbench, workbench, "The rules as found when the workbench first opened the folder", Map.of());
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the rules folder's Git repository", e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot make the rules folder a Git repository: " + e.getMessage(), e);
        }
    }

    /** Commits these files (relative to the rules folder; a missing file is a removal) and nothing else. */
    String commit(List<String> files, PersonIdent author, PersonIdent committer, String message, Map<String, String> trailers) {
        StringBuilder text = new StringBuilder(message.strip());
        if (!trailers.isEmpty()) {
            text.append("\n\n");
            trailers.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        }
        try {
            List<String> present = files.stream().filter(f -> Files.exists(rulesDir.resolve(f))).toList();
            if (!present.isEmpty()) {
                var add = git.add();
                present.forEach(f -> add.addFilepattern(prefix + f));
                add.call();
            }
            List<String> removed = files.stream().filter(f -> !Files.exists(rulesDir.resolve(f))).toList();
            if (!removed.isEmpty()) {
                var rm = git.rm().setCached(true);
                removed.forEach(f -> rm.addFilepattern(prefix + f));
                rm.call();
            }
            CommitCommand commit = git.commit().setAuthor(author).setCommitter(committer).setMessage(text.toString())
                    .setAllowEmpty(true).setSign(false);
            files.forEach(f -> commit.setOnly(prefix + f));
            return commit.call().getId().name();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit the rules: " + e.getMessage(), e);
        }
    }

    /**
     * Takes back the newest commit (it must be {@code commitId}), leaving its files' index entries as
     * in its parent; the caller restores the files themselves.
     */
    void undo(String commitId, List<String> files) {
        try {
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            if (head == null || !head.name().equals(commitId)) {
                throw new IllegalStateException("cannot take back commit " + commitId + ": it is no longer the newest");
            }
            git.reset().setMode(ResetCommand.ResetType.SOFT).setRef(commitId + "^").call();
            ResetCommand paths = git.reset().setRef(Constants.HEAD);
            files.forEach(f -> paths.addPath(prefix + f));
            paths.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot take back commit " + commitId + ": " + e.getMessage(), e);
        }
    }

    /** The commits that changed the rules folder, newest first. */
    List<Commit> log(int limit) {
        try {
            LogCommand log = git.log().setMaxCount(limit);
            if (!prefix.isEmpty()) {
                log.addPath(prefix.substring(0, prefix.length() - 1));
            }
            List<Commit> out = new ArrayList<>();
            for (RevCommit c : log.call()) {
                out.add(commit(c));
            }
            return out;
        } catch (org.eclipse.jgit.api.errors.NoHeadException e) {
            return List.of();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot read the rules' history: " + e.getMessage(), e);
        }
    }

    /** One commit, if the id (full or abbreviated, at least 7 hex digits) names one. */
    Optional<Commit> find(String id) {
        if (id == null || !id.matches("[0-9a-fA-F]{7,40}")) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            ObjectId resolved = git.getRepository().resolve(id + "^{commit}");
            if (resolved == null) {
                return Optional.empty();
            }
            return Optional.of(commit(walk.parseCommit(resolved)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Commit commit(RevCommit c) {
        Map<String, String> trailers = new LinkedHashMap<>();
        String full = c.getFullMessage();
        List<String> lines = new ArrayList<>(List.of(full.strip().split("\n", -1)));
        // Trailers: the last paragraph's "Key: value" lines.
        int end = lines.size();
        int i = end - 1;
        while (i >= 0 && lines.get(i).matches("[A-Za-z][A-Za-z-]*: .*")) {
            i--;
        }
        if (i < end - 1 && (i < 0 || lines.get(i).isBlank())) {
            for (String t : lines.subList(i + 1, end)) {
                int colon = t.indexOf(": ");
                trailers.put(t.substring(0, colon), t.substring(colon + 2).strip());
            }
            lines = lines.subList(0, Math.max(0, i));
        }
        String message = String.join("\n", lines).strip();
        return new Commit(c.getName(), c.getCommitterIdent().getWhenAsInstant(), c.getAuthorIdent().getName(),
                c.getCommitterIdent().getName(), message, trailers, c.getParentCount() == 0 ? null : c.getParent(0).getName());
    }

    /** The rules folder's files (relative names to bytes) as they were at a commit; empty for null (before the first). */
    Map<String, byte[]> filesAt(String commitId) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (commitId == null) {
            return files;
        }
        Repository repository = git.getRepository();
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
                TreeWalk tree = new TreeWalk(reader)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(commitId));
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            if (!prefix.isEmpty()) {
                tree.setFilter(PathFilter.create(prefix.substring(0, prefix.length() - 1)));
            }
            while (tree.next()) {
                String path = tree.getPathString();
                if (path.startsWith(prefix)) {
                    files.put(path.substring(prefix.length()), reader.open(tree.getObjectId(0)).getBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules at commit " + commitId, e);
        }
        return files;
    }

    /** The relative names of the rule set files a commit changed (added, removed or edited). */
    List<String> changedFiles(Commit commit) {
        Map<String, byte[]> before = filesAt(commit.parent());
        Map<String, byte[]> after = filesAt(commit.id());
        TreeSet<String> changed = new TreeSet<>();
        for (String f : before.keySet()) {
            if (!after.containsKey(f) || !java.util.Arrays.equals(before.get(f), after.get(f))) {
                changed.add(f);
            }
        }
        for (String f : after.keySet()) {
            if (!before.containsKey(f)) {
                changed.add(f);
            }
        }
        return new ArrayList<>(changed);
    }

    /** The rule set version the folder had at a commit (its trailer, or computed from its files). */
    String versionAt(Commit commit) {
        String trailer = commit.trailers().get(RULESET_VERSION);
        if (trailer != null) {
            return trailer;
        }
        return versions.computeIfAbsent(commit.id(), id -> {
            try (Draft draft = Draft.of(filesAt(id), Map.of())) {
                return RuleFiles.read(draft.dir()).version();
            } catch (RuntimeException e) {
                return "";
            }
        });
    }

    /** The newest commit that changed one file, if any. */
    Optional<Commit> lastChange(String file) {
        try {
            for (RevCommit c : git.log().addPath(prefix + file).setMaxCount(1).call()) {
                return Optional.of(commit(c));
            }
            return Optional.empty();
        } catch (org.eclipse.jgit.api.errors.NoHeadException e) {
            return Optional.empty();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot read the rules' history: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // The Git wrapper does not own the repository (it was made with new Git(repository)): close that once.
        git.getRepository().close();
    }
}
