/** MicroProfile Health: readiness follows the database, liveness the application. */
package io.tollgate.health;
