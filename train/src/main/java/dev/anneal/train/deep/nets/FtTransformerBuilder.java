package dev.anneal.train.deep.nets;

import static dev.anneal.train.deep.nets.NetParams.ACTIVATION;

import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import dev.anneal.core.config.Problems;
import dev.anneal.train.deep.NetworkBuilder;
import dev.anneal.train.deep.TabularLayout;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ft_transformer} architecture, the FT-Transformer of Gorishniy et al. (2021): the input block
 * in token mode (a [CLS] token, one token per numeric feature, one per categorical column, each of width
 * {@code d_token}), then {@code layers} pre-norm transformer layers, each
 * {@code x + Dropout(MHA(LayerNorm(x)))} and {@code x + Dropout(FFN(LayerNorm(x)))} with
 * {@code FFN = Linear(d_token * ffn_factor) → activation → Dropout → Linear(d_token)}, then the prediction
 * from the [CLS] token: {@code LayerNorm → activation → Linear(outputs)}. As in the paper, the first
 * layer's attention has no LayerNorm before it (its input tokens come straight from the embeddings).
 * Attention lets every feature condition on every other, which is what tree ensembles do with splits.
 *
 * <p>Multi-head self-attention is DJL's {@link ScaledDotProductAttentionBlock} given one input (unmasked
 * self-attention over all tokens); it holds the query, key, value and output projections and the
 * attention-probability dropout. The FFN uses GELU by default rather than the paper's ReGLU.
 *
 * <p>Parameters (defaults): {@code d_token} 64, {@code layers} 3, {@code heads} 8 (must divide
 * {@code d_token}), {@code ffn_factor} 2.0, {@code attention_dropout} 0.2, {@code ffn_dropout} 0.1,
 * {@code residual_dropout} 0.0, {@code activation} gelu (relu | gelu | silu), and the numeric-embedding
 * keys {@code numeric_embedding} none (none | ple | periodic), {@code ple_bins} 8,
 * {@code periodic_frequencies} 16, {@code periodic_sigma} 0.1. Categorical columns always go in as
 * embeddings of width {@code d_token}.
 */
public final class FtTransformerBuilder implements NetworkBuilder {

    static final String D_TOKEN = "d_token";
    static final String LAYERS = "layers";
    static final String HEADS = "heads";
    static final String FFN_FACTOR = "ffn_factor";
    static final String ATTENTION_DROPOUT = "attention_dropout";
    static final String FFN_DROPOUT = "ffn_dropout";
    static final String RESIDUAL_DROPOUT = "residual_dropout";

    private static final Map<String, Object> DEFAULTS = defaults();

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = NetParams.ordered(
                D_TOKEN, 64,
                LAYERS, 3,
                HEADS, 8,
                FFN_FACTOR, 2.0,
                ATTENTION_DROPOUT, 0.2,
                FFN_DROPOUT, 0.1,
                RESIDUAL_DROPOUT, 0.0,
                ACTIVATION, "gelu");
        defaults.putAll(NetParams.NUMERIC_DEFAULTS);
        return Collections.unmodifiableMap(defaults);
    }

    @Override
    public Set<String> parameterNames() {
        return DEFAULTS.keySet();
    }

    @Override
    public void check(Map<String, Object> params, String path, Problems problems) {
        for (String size : List.of(D_TOKEN, LAYERS, HEADS)) {
            NetParams.at(params, size, path, problems, (v, at) -> NetParams.checkPositiveInt(v, at, problems));
        }
        NetParams.at(params, FFN_FACTOR, path, problems, (v, at) -> NetParams.checkPositiveNumber(v, at, problems));
        for (String rate : List.of(ATTENTION_DROPOUT, FFN_DROPOUT, RESIDUAL_DROPOUT)) {
            NetParams.at(params, rate, path, problems, (v, at) -> NetParams.checkDropout(v, at, problems));
        }
        NetParams.at(params, ACTIVATION, path, problems,
                (v, at) -> NetParams.checkChoice(v, NetParams.ACTIVATIONS, at, problems));
        NetParams.checkNumeric(params, path, problems);
        Object token = params.getOrDefault(D_TOKEN, DEFAULTS.get(D_TOKEN));
        Object heads = params.getOrDefault(HEADS, DEFAULTS.get(HEADS));
        if (NetParams.isInt(token) && NetParams.isInt(heads) && ((Number) token).intValue() > 0
                && ((Number) heads).intValue() > 0 && ((Number) token).intValue() % ((Number) heads).intValue() != 0) {
            problems.add(path + "." + HEADS, "must divide d_token (" + token + "), got " + heads);
        }
    }

    @Override
    public Map<String, Object> resolve(Map<String, Object> params) {
        return NetParams.resolve(params, DEFAULTS);
    }

    @Override
    public Block build(TabularLayout layout, int outputs, Map<String, Object> params) {
        Map<String, Object> p = NetParams.forBuild(this, outputs, params);
        int token = NetParams.intOf(p, D_TOKEN);
        int heads = NetParams.intOf(p, HEADS);
        if (token % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide d_token (" + token + ")");
        }
        int ffnWidth = Math.max(1, (int) Math.round(token * ((Number) p.get(FFN_FACTOR)).doubleValue()));
        String activation = NetParams.stringOf(p, ACTIVATION);
        float attentionDropout = NetParams.floatOf(p, ATTENTION_DROPOUT);
        float ffnDropout = NetParams.floatOf(p, FFN_DROPOUT);
        float residualDropout = NetParams.floatOf(p, RESIDUAL_DROPOUT);

        SequentialBlock net = new SequentialBlock();
        net.add(NetParams.inputBlock(layout, p, token));
        for (int layer = 0; layer < NetParams.intOf(p, LAYERS); layer++) {
            SequentialBlock attention = new SequentialBlock();
            if (layer > 0) {
                attention.add(tokenNorm());
            }
            attention.add(ScaledDotProductAttentionBlock.builder()
                    .setEmbeddingSize(token)
                    .setHeadCount(heads)
                    .optAttentionProbsDropoutProb(attentionDropout)
                    .build());
            addDropout(attention, residualDropout);
            net.add(ResNetBuilder.residual(attention));

            SequentialBlock ffn = new SequentialBlock()
                    .add(tokenNorm())
                    .add(NetParams.linear(ffnWidth))
                    .add(NetParams.activation(activation));
            addDropout(ffn, ffnDropout);
            ffn.add(NetParams.linear(token));
            addDropout(ffn, residualDropout);
            net.add(ResNetBuilder.residual(ffn));
        }
        net.add(LambdaBlock.singleton(tokens -> tokens.get(new NDIndex(":, 0, :")), "cls"))
                .add(LayerNorm.builder().axis(1).optEpsilon(NetParams.NORM_EPSILON).build())
                .add(NetParams.activation(activation))
                .add(NetParams.linear(outputs));
        return net;
    }

    /** LayerNorm over the token width only ({@code [batch, tokens, d]}, axis 2). */
    private static Block tokenNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(NetParams.NORM_EPSILON).build();
    }

    private static void addDropout(SequentialBlock block, float rate) {
        if (rate > 0) {
            block.add(Dropout.builder().optRate(rate).build());
        }
    }
}
