/**
 * The build's version, public: clients check what they talk to, and the benchmark compares the
 * token-authenticated path with this trivial unauthenticated JAX-RS call of the same server. The
 * version comes from the build (a resource the build fills in) and the answer is made once.
 */
package io.tollgate.version;
