package vn.lienthong.observe;

/**
 * Something the gateway depends on and can ask about: the broker, the tracking database, the
 * connection to the national axis (Trục liên thông văn bản quốc gia). Its answer makes
 * {@code /observe/health/ready} UP or DOWN. Camel-free, so that a core component (for instance the
 * national-axis connector in package {@code axis}) can implement it and be registered with
 * {@link Readiness#register}. Implementations must answer quickly (a second or two at most) and
 * never throw.
 */
public interface HealthContributor {

    /** Stable name shown in the health answer, e.g. {@code database}, {@code broker}, {@code national-axis}. */
    String name();

    Health check();

    enum State {
        UP,
        DOWN,
        /** Not set up in this installation (for instance no national-axis connection): counts as ready. */
        NOT_CONFIGURED
    }

    /** @param detail a sentence for IT staff (what was checked, or what failed) */
    record Health(State state, String detail) {
        public static Health up(String detail) {
            return new Health(State.UP, detail);
        }

        public static Health down(String detail) {
            return new Health(State.DOWN, detail);
        }

        public static Health notConfigured(String detail) {
            return new Health(State.NOT_CONFIGURED, detail);
        }

        public boolean ready() {
            return state != State.DOWN;
        }
    }

    /** A placeholder for a part that is not set up here: always ready, saying "not configured". */
    static HealthContributor notConfigured(String name) {
        return new HealthContributor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Health check() {
                return Health.notConfigured("not configured");
            }
        };
    }

    /** A contributor from a name and a check; an exception thrown by the check counts as DOWN. */
    static HealthContributor of(String name, java.util.function.Supplier<Health> check) {
        return new HealthContributor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Health check() {
                try {
                    return check.get();
                } catch (RuntimeException e) {
                    return Health.down(e.toString());
                }
            }
        };
    }
}
