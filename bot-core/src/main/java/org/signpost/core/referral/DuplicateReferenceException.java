package org.signpost.core.referral;

import org.signpost.error.SignpostException;

/** A referral reference is already in use. */
public final class DuplicateReferenceException extends SignpostException {

    public DuplicateReferenceException(String reference) {
        super("referral reference already used: " + reference);
    }
}
