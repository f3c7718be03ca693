/** Column and table profiles: inferred types with their reasons, and basic statistics. */
package dev.anneal.core.profile;
