package org.massageadvisor.batch;

import java.nio.file.Path;
import java.util.List;
import org.massageadvisor.client.InputException;
import org.massageadvisor.client.ProfileReader;

/** For tests outside this package: reads a batch input as {@code advisor batch} does and validates every record. */
public final class BatchInputs {

    private BatchInputs() {
    }

    /** Every record of the file through the profile reader; bad records are counted, as the batch reports them. */
    public static int eachRecord(Path file, ProfileReader profiles) {
        int[] bad = {0};
        RecordSource.of(List.of(file)).forEach(record -> {
            if (record.error() != null) {
                bad[0]++;
                return;
            }
            try {
                profiles.read(record.tree());
            } catch (InputException e) {
                bad[0]++;
            }
        });
        return bad[0];
    }
}
