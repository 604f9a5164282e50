package dev.retort.command;

/**
 * {@code retort show REV}: one revision with its SQL (rendered for Java revisions).
 *
 * @param revision the revision
 * @param upgradeSql its upgrade SQL
 * @param downgradeSql its downgrade SQL, or {@code null} when irreversible
 */
public record ShowResult(RevisionInfo revision, String upgradeSql, String downgradeSql) {
}
