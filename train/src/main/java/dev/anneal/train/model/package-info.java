/** The model-family extension point: families registered by name, what they train on, what they return. */
package dev.anneal.train.model;
