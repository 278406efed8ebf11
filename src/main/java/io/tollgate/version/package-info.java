/**
 * The build's version at {@code GET /api/version}, public: clients check what they talk to, and the
 * benchmark compares the token path with this trivial call. Made once, from a resource the build fills.
 */
package io.tollgate.version;
