package io.tollgate.hooks.boundary;

/** How a broker contract encodes its requests. */
public enum BodyFormat {
    /** A JSON object ({@code application/json}). */
    JSON("application/json"),
    /** HTML form fields ({@code application/x-www-form-urlencoded}). */
    FORM("application/x-www-form-urlencoded");

    private final String mediaType;

    BodyFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
