package org.massageadvisor.web.workbench;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import org.massageadvisor.users.Role.Permission;

/** The workbench's routes, in one place; every page but login and the static assets needs a signed-in user. */
public final class WorkbenchRoutes {

    private WorkbenchRoutes() {
    }

    public static void register(JavalinConfig config, WorkbenchWeb web) {
        RoutesConfig routes = config.routes;
        Guard guard = new Guard(web);
        Login login = new Login(web);
        WorkbenchPages pages = new WorkbenchPages(web);
        routes.get("/workbench/assets/{name}", Assets::serve);
        routes.get("/workbench/login", guard.open(login::form));
        routes.post("/workbench/login", guard.open(login::submit));
        routes.post("/workbench/logout", guard.signedIn(Permission.READ, login::logout));
        routes.get("/workbench", guard.signedIn(Permission.READ, pages::rules));
        routes.get("/workbench/file", guard.signedIn(Permission.READ, pages::file));
        routes.post("/workbench/check", guard.signedIn(Permission.DRAFT, pages::check));
        routes.post("/workbench/preview", guard.signedIn(Permission.DRAFT, pages::preview));
        routes.post("/workbench/propose", guard.signedIn(Permission.PROPOSE, pages::propose));
        routes.get("/workbench/proposals", guard.signedIn(Permission.READ, pages::proposals));
        routes.get("/workbench/proposals/{id}", guard.signedIn(Permission.READ, pages::proposal));
        routes.post("/workbench/proposals/{id}/approve", guard.signedIn(Permission.REVIEW, pages::approve));
        routes.post("/workbench/proposals/{id}/reject", guard.signedIn(Permission.REVIEW, pages::reject));
        routes.get("/workbench/history", guard.signedIn(Permission.READ, pages::history));
        routes.post("/workbench/history/{commit}/revert", guard.signedIn(Permission.PROPOSE, pages::revert));
    }
}
