/**
 * Text columns as models see them: Hugging Face {@code tokenizer.json} files read and run in plain Java
 * (the training run checks that Hugging Face's own library gives the same ids), word vocabularies
 * fitted on the training rows, and TF-IDF features for the tree and linear baselines.
 */
package dev.anneal.core.text;
