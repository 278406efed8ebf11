package io.tollgate.audit.entity;

/** The actions of the audit trail (spec section 7); {@link #id()} is what the API shows. */
public enum AuditAction {
    PROJECT_CREATE("project.create"),
    PROJECT_DELETE("project.delete"),
    BROKER_CREATE("broker.create"),
    BROKER_UPDATE("broker.update"),
    BROKER_DELETE("broker.delete"),
    BROKER_HOOK_KEY("broker.hook_key"),
    TOKEN_CREATE("token.create"),
    TOKEN_UPDATE("token.update"),
    TOKEN_ROTATE("token.rotate"),
    TOKEN_SUSPEND("token.suspend"),
    TOKEN_RESUME("token.resume"),
    TOKEN_DELETE("token.delete"),
    MEMBER_PUT("member.put"),
    MEMBER_DELETE("member.delete"),
    USER_CREATE("user.create"),
    USER_DELETE("user.delete"),
    LOGIN_SUCCESS("login.success"),
    LOGIN_FAILURE("login.failure"),
    LOGIN_LOCKED("login.locked");

    private final String id;

    AuditAction(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
