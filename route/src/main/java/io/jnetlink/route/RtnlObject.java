package io.jnetlink.route;

/** One of the objects rtnetlink reports: a {@link Link}, {@link Address}, {@link Route}, {@link Neighbour} or {@link Rule}. */
public sealed interface RtnlObject permits Link, Address, Route, Neighbour, Rule {
}
