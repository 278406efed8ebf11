/** JSON on the wire: builders from one factory, and the writer for every JSON response body. */
package io.tollgate.json;
