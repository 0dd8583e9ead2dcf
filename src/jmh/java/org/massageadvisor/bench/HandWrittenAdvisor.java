package org.massageadvisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cold-start yardstick: the shipped rules' decision logic written by hand in plain Java, with a
 * reader for the flat YAML/JSON profiles of the examples and nothing else (no Drools, no Jackson,
 * no picocli). It answers what {@code advisor evaluate} answers, so its start-to-exit time is what
 * a one-client evaluation costs without a rule engine. Not a replacement for the rules: it is only
 * as current as the day it was written, which {@link Compare}-style agreement checks would show.
 *
 * <pre>java -cp target/benchmarks.jar org.massageadvisor.bench.HandWrittenAdvisor client.yaml</pre>
 */
public final class HandWrittenAdvisor {

    private static final Set<String> INTENSE = Set.of("DEEP_TISSUE", "SPORTS", "TRIGGER_POINT");

    public static void main(String[] args) throws IOException {
        Map<String, Object> p = read(Path.of(args[0]));
        String goal = text(p, "goal");
        String type = text(p, "massageType");
        List<String> body = list(p, "bodyResponse");
        List<String> conditions = list(p, "conditions");
        String activity = text(p, "activityLevel");
        boolean approved = "true".equals(text(p, "medicalApproval"));
        boolean guided = "true".equals(text(p, "guidedByTherapist"));
        int weeks = text(p, "weeksInTreatment") == null ? 0 : Integer.parseInt(text(p, "weeksInTreatment"));
        String trend = text(p, "symptomTrend") == null ? "STABLE" : text(p, "symptomTrend");

        boolean intense = INTENSE.contains(type);
        boolean concern = !conditions.isEmpty();
        boolean recovery = body.contains("SORE") || body.contains("FATIGUED");
        boolean active = activity.equals("ATHLETE") || activity.equals("PHYSICAL_JOB");
        boolean easing = goal.equals("CHRONIC_PAIN") && trend.equals("IMPROVING") && weeks >= 4;
        Set<String> warnings = new LinkedHashSet<>();
        boolean referred = false;
        int[] base = null;
        switch (goal) {
            case "RELAXATION" -> base = new int[] {7, 14};
            case "CHRONIC_PAIN" -> base = easing ? new int[] {7, 14} : new int[] {3, 7};
            case "INJURY_RECOVERY" -> base = approved && guided ? new int[] {2, 4} : null;
            case "MAINTENANCE" -> base = new int[] {14, 30};
            default -> base = null;
        }
        if (body.contains("SORE")) {
            warnings.add("ALLOW_RECOVERY (SORE)");
        }
        if (body.contains("FATIGUED")) {
            warnings.add("ALLOW_RECOVERY (FATIGUED)");
        }
        for (String c : List.of("HERNIATED_DISC", "OSTEOPOROSIS", "NERVE_ISSUE", "BLOOD_CLOT", "FEVER", "ANTICOAGULANTS", "PREGNANCY")) {
            if (conditions.contains(c)) {
                warnings.add("CONSULT_DOCTOR (" + c + ")");
            }
        }
        if (conditions.contains("BLOOD_CLOT") || conditions.contains("FEVER")) {
            referred = true;
        }
        if (conditions.contains("ANTICOAGULANTS") && intense) {
            warnings.add("GENTLE_PRESSURE_ADVISED");
        }
        if (goal.equals("INJURY_RECOVERY")) {
            if (!approved) {
                referred = true;
                warnings.add("MEDICAL_APPROVAL_REQUIRED");
            }
            if (!guided) {
                referred = true;
                warnings.add("THERAPIST_GUIDANCE_REQUIRED");
            }
            if (intense) {
                warnings.add("GENTLE_SESSIONS_ADVISED");
            }
        }
        List<String> tips = new ArrayList<>(List.of("LISTEN_TO_BODY", "STRETCHING", "POSTURE", "EXERCISE"));
        if (!guided) {
            tips.add("CONSULT_THERAPIST");
        }
        String id = text(p, "id");
        if (referred || base == null) {
            System.out.println("Client " + id + ": see a professional before the next massage (REFER).");
        } else {
            int min = base[0];
            int max = base[1];
            if (recovery) {
                min += 2;
            }
            if (active && !concern) {
                min -= 1;
                max -= 2;
            }
            if (!intense && !concern) {
                min -= 1;
            }
            List<int[]> floors = new ArrayList<>();
            if (intense) {
                floors.add(new int[] {2, 3});
            }
            if (type.equals("DEEP_TISSUE")) {
                floors.add(new int[] {1, 7});
            }
            if (goal.equals("INJURY_RECOVERY")) {
                floors.add(new int[] {2, 2});
            }
            for (int[] f : floors) {
                min = Math.max(min, f[0]);
                max = Math.max(Math.max(max, f[1]), min);
            }
            min = Math.min(Math.max(min, 1), 31);
            max = Math.min(Math.max(max, min), 31);
            System.out.println("Client " + id + ": leave " + min + "-" + max + " days between back massages (RECOMMENDED).");
        }
        System.out.println("Warnings: " + String.join(", ", warnings));
        System.out.println("Tips: " + String.join(", ", tips));
    }

    /** Flat {@code key: value} lines with {@code [a, b]} lists, or one flat JSON object. */
    static Map<String, Object> read(Path file) throws IOException {
        String text = Files.readString(file).trim();
        Map<String, Object> out = new LinkedHashMap<>();
        if (text.startsWith("{")) {
            text = text.substring(1, text.length() - 1);
            for (String part : text.split(",(?=\\s*\")")) {
                int colon = part.indexOf(':');
                out.put(unquote(part.substring(0, colon)), value(part.substring(colon + 1)));
            }
            return out;
        }
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.trim().startsWith("#")) {
                out.put(line.substring(0, colon).trim(), value(line.substring(colon + 1)));
            }
        }
        return out;
    }

    private static Object value(String raw) {
        String v = raw.trim();
        if (v.startsWith("[")) {
            List<String> items = new ArrayList<>();
            for (String s : v.substring(1, v.length() - 1).split(",")) {
                if (!s.isBlank()) {
                    items.add(unquote(s).toUpperCase());
                }
            }
            return items;
        }
        return unquote(v);
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }
}
