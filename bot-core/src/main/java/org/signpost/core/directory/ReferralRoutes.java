package org.signpost.core.directory;

import java.util.Locale;

/**
 * Whether a service takes referrals by a route, read from the directory's "who can refer" text
 * ("self / anyone", "GP / health professional", "professionals only"). When the text does not
 * say, a navigator must decide, so neither route is offered.
 */
public final class ReferralRoutes {

    public static final String SELF = "self";
    public static final String PROFESSIONAL = "professional";

    private ReferralRoutes() {
    }

    public static boolean accepts(Service service, String route) {
        String text = service.whoCanRefer().toLowerCase(Locale.ROOT);
        if (text.contains("unverified") || text.contains("not known")) {
            return false;
        }
        boolean anyone = text.contains("anyone");
        if (route.equals(SELF)) {
            return anyone || (text.contains("self") && !text.contains("self-referral not confirmed"))
                    || text.contains("famil");
        }
        return anyone || text.contains("professional") || text.contains("gp") || text.contains("organisation");
    }

    /** The route of a referral for someone: professionals refer patients; everyone else is a self-referral. */
    public static String routeFor(String referralFor) {
        return "patient".equalsIgnoreCase(referralFor) ? PROFESSIONAL : SELF;
    }
}
