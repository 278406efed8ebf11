package io.tollgate.it;

import java.util.function.Function;

/** One row of the role table (spec section 2): what to call, and the least role allowed to. */
record Action(String name, String least, Function<Api, Api.Reply> call) {
}
