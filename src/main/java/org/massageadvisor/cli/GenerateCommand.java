package org.massageadvisor.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.massageadvisor.batch.ProfileGenerator;
import org.massageadvisor.client.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Write random valid client profiles (CSV or JSONL) drawn from the vocabulary, for demos and benchmarks.",
        description = "The same --seed and vocabulary always give the same profiles.")
final class GenerateCommand implements Callable<Integer> {

    @Mixin
    RulesOption rules;

    @Option(names = "--count", paramLabel = "N", required = true, description = "How many profiles.")
    long count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "csv or jsonl. Default: from the --out extension (.jsonl gives jsonl), else csv.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path out;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        boolean csv = OutputFiles.format(spec, format, out, Map.of("csv", "csv", "jsonl", "jsonl", "ndjson", "jsonl"),
                "csv", "csv", "jsonl").equals("csv");
        if (count < 0) {
            throw new ParameterException(spec.commandLine(), "--count must be 0 or more (" + count + ")");
        }
        // Only the vocabulary is needed: no rule compilation.
        Vocabulary vocabulary = Vocabulary.load(rules.dir().resolve(Vocabulary.FILE_NAME));
        OutputFiles.refuseOverwrite(out, force);
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            write(vocabulary, csv, w);
            w.flush();
        } else {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                write(vocabulary, csv, w);
            }
        }
        return ExitCodes.OK;
    }

    private void write(Vocabulary vocabulary, boolean csv, Writer w) throws IOException {
        ProfileGenerator generator = new ProfileGenerator(vocabulary, seed);
        StringBuilder buffer = new StringBuilder(1 << 16);
        if (csv) {
            buffer.append(ProfileGenerator.csvHeader()).append('\n');
        }
        for (long i = 0; i < count; i++) {
            buffer.append(csv ? ProfileGenerator.csvRow(generator.next()) : ProfileGenerator.jsonLine(generator.next())).append('\n');
            if (buffer.length() > 60_000) {
                w.write(buffer.toString());
                buffer.setLength(0);
            }
        }
        w.write(buffer.toString());
    }
}
