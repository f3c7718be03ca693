/** {@code anneal plan}'s outputs: the project plan as Markdown ({@code PLAN.md}) and as a web page ({@code plan.html}). */
package dev.anneal.train.plan;
