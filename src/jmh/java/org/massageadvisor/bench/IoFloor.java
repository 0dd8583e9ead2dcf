package org.massageadvisor.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The I/O floor for {@code advisor batch}: reads the same CSV line by line, splits each row into its
 * cells, and writes one line of the given size a record (the average report line), with no
 * evaluation at all. A batch cannot be faster than this on the same machine.
 *
 * <pre>java -Xmx256m -cp target/benchmarks.jar org.massageadvisor.bench.IoFloor IN.csv OUT LINE_BYTES</pre>
 */
public final class IoFloor {

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int lineBytes = Integer.parseInt(args[2]);
        byte[] line = new byte[lineBytes];
        Arrays.fill(line, (byte) 'x');
        line[lineBytes - 1] = '\n';
        long records = 0;
        long cells = 0;
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                OutputStream w = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            String header = reader.readLine();
            String row;
            while ((row = reader.readLine()) != null) {
                String[] parts = row.split(",", -1);
                cells += parts.length;
                // The record's id starts the line, as in the report.
                byte[] id = parts[0].getBytes(StandardCharsets.UTF_8);
                System.arraycopy(id, 0, line, 0, Math.min(id.length, lineBytes - 1));
                w.write(line);
                records++;
            }
            if (header == null) {
                throw new IOException("empty input");
            }
        }
        System.err.println(records + " records, " + cells + " cells, " + records * lineBytes + " bytes written");
    }
}
