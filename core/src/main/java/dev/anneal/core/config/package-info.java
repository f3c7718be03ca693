/** The experiment config: typed records, and the loader that validates a YAML file into them. */
package dev.anneal.core.config;
