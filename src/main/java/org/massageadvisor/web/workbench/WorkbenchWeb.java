package org.massageadvisor.web.workbench;

import java.time.Clock;
import org.massageadvisor.users.UserStore;
import org.massageadvisor.workbench.Workbench;

/**
 * What the workbench pages need: the workbench core, the users, and this service's sessions and
 * login throttle. {@code advisor serve} builds one; tests build one on a temporary state folder.
 */
public final class WorkbenchWeb {

    final Workbench workbench;
    final UserStore users;
    final Clock clock;
    final Sessions sessions;
    final LoginThrottle throttle;

    public WorkbenchWeb(Workbench workbench, UserStore users, Clock clock) {
        this.workbench = workbench;
        this.users = users;
        this.clock = clock;
        this.sessions = new Sessions(clock);
        this.throttle = new LoginThrottle(clock);
    }

    public Workbench workbench() {
        return workbench;
    }
}
