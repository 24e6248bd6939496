/**
 * Where rows go: the entry type is {@link dev.packload.loader.target.Target}, a server reached with Connector/J (TCP or
 * a Unix socket), its password kept out of every message.
 */
package dev.packload.loader.target;
