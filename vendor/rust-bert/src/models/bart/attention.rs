// Copyright 2020 The Facebook AI Research Team Authors
// Copyright 2020-present, the HuggingFace Inc. team.
// Copyright 2020 Guillaume Becquin
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//     http://www.apache.org/licenses/LICENSE-2.0
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

use crate::common::dropout::Dropout;
// svodka: int8-capable linear layers (common/int8.rs).
use crate::common::int8::Linear;
use std::borrow::Borrow;
use tch::{nn, Tensor};

#[derive(Debug)]
/// # Cache for BART attention layers
/// Stores the cached value of key, value and key padding mask to avoid recalculation (e.g. at each generation step)
pub struct LayerState {
    /// Cached keys
    pub prev_key: Tensor,
    /// Cached values
    pub prev_value: Tensor,
}

impl Clone for LayerState {
    fn clone(&self) -> Self {
        LayerState {
            prev_key: self.prev_key.copy(),
            prev_value: self.prev_value.copy(),
        }
    }
}

impl LayerState {
    pub(crate) fn reorder_cache(&mut self, new_indices: &Tensor) {
        self.prev_key = self.prev_key.index_select(0, new_indices);
        self.prev_value = self.prev_value.index_select(0, new_indices);
    }
}

#[derive(Debug)]
pub struct BartAttention {
    num_heads: i64,
    head_dim: i64,
    dropout: Dropout,
    scaling: f64,
    encoder_decoder_attention: bool,
    output_attentions: bool,
    k_proj: Linear,
    v_proj: Linear,
    q_proj: Linear,
    out_proj: Linear,
    store_cache: bool,
}

impl BartAttention {
    pub fn new<'p, P>(
        p: P,
        embed_dim: i64,
        num_heads: i64,
        dropout: f64,
        encoder_decoder_attention: bool,
        store_cache: bool,
        output_attentions: bool,
    ) -> BartAttention
    where
        P: Borrow<nn::Path<'p>>,
    {
        let p = p.borrow();

        let k_proj = Linear::new(p / "k_proj", embed_dim, embed_dim, Default::default());
        let v_proj = Linear::new(p / "v_proj", embed_dim, embed_dim, Default::default());
        let q_proj = Linear::new(p / "q_proj", embed_dim, embed_dim, Default::default());
        let out_proj = Linear::new(p / "out_proj", embed_dim, embed_dim, Default::default());

        let head_dim = embed_dim / num_heads;
        let scaling = (head_dim as f64).powf(-0.5);
        let dropout = Dropout::new(dropout);

        BartAttention {
            num_heads,
            head_dim,
            dropout,
            scaling,
            encoder_decoder_attention,
            output_attentions,
            k_proj,
            v_proj,
            q_proj,
            out_proj,
            store_cache,
        }
    }

    fn _shape(&self, x: Tensor, sequence_length: i64, batch_size: i64) -> Tensor {
        x.view((batch_size, sequence_length, self.num_heads, self.head_dim))
            .transpose(1, 2)
            .contiguous()
    }

    pub fn forward_t(
        &self,
        hidden_states: &Tensor,
        key_value_states: Option<&Tensor>,
        attention_mask: Option<&Tensor>,
        layer_state: Option<LayerState>,
        train: bool,
    ) -> (Tensor, Option<Tensor>, Option<LayerState>) {
        let bs = hidden_states.size()[0];

        let query_states = hidden_states.apply(&self.q_proj) * self.scaling;

        let (key_states, value_states) = if self.encoder_decoder_attention {
            if let Some(layer_state_value) = layer_state {
                (layer_state_value.prev_key, layer_state_value.prev_value)
            } else {
                // svodka: the encoder outputs may have fewer rows than the queries (one per
                // input, shared by its beams; see `grouped_attention`).
                let encoder_outputs = key_value_states.unwrap();
                let rows = encoder_outputs.size()[0];
                (
                    self._shape(encoder_outputs.apply(&self.k_proj), -1, rows),
                    self._shape(encoder_outputs.apply(&self.v_proj), -1, rows),
                )
            }
        } else if let Some(layer_state_value) = layer_state {
            let key_states = self._shape(hidden_states.apply(&self.k_proj), -1, bs);
            let value_states = self._shape(hidden_states.apply(&self.v_proj), -1, bs);
            (
                Tensor::cat(&[layer_state_value.prev_key, key_states], 2),
                Tensor::cat(&[layer_state_value.prev_value, value_states], 2),
            )
        } else {
            (
                self._shape(hidden_states.apply(&self.k_proj), -1, bs),
                self._shape(hidden_states.apply(&self.v_proj), -1, bs),
            )
        };

        let new_layer_state = if self.store_cache {
            // svodka: cached tensors are never written in place (steps concatenate, beams
            // index_select), so sharing them is safe; the copies cost every layer a full copy of
            // its keys and values at every decoding step.
            Some(LayerState {
                prev_key: key_states.shallow_clone(),
                prev_value: value_states.shallow_clone(),
            })
        } else {
            None
        };

        // svodka: when generation hands the cross-attention one copy of the encoder outputs for
        // all the beams of an input (`shares_encoder_outputs_across_beams`), the beams' queries
        // attend to it together: each step reads the cached keys and values once per input
        // instead of once per beam, and they are computed and cached once. Everywhere else the
        // group is 1: rust-bert's attention, with the same products.
        let group = bs / key_states.size()[0];
        let (attention_output, saved_attention_weights) = self.grouped_attention(
            query_states,
            &key_states,
            &value_states,
            attention_mask,
            group,
            train,
        );
        (attention_output, saved_attention_weights, new_layer_state)
    }

    /// svodka: attention for `group` consecutive query rows (the beams of one input) sharing
    /// one row of keys and values (group 1: a row each); `query_states` is scaled, keys and
    /// values are (inputs, heads, source, head_dim), the mask (inputs, 1, target, source).
    fn grouped_attention(
        &self,
        query_states: Tensor,
        key_states: &Tensor,
        value_states: &Tensor,
        attention_mask: Option<&Tensor>,
        group: i64,
        train: bool,
    ) -> (Tensor, Option<Tensor>) {
        let (bs, target_length, embed_dim) = query_states.size3().unwrap();
        let inputs = bs / group;
        let (heads, head_dim) = (self.num_heads, self.head_dim);
        let source_length = key_states.size()[2];
        // (inputs, group, target, heads, head_dim) -> (inputs × heads, group × target, head_dim)
        let query_states = query_states
            .view([inputs, group, target_length, heads, head_dim])
            .permute([0, 3, 1, 2, 4])
            .reshape([inputs * heads, group * target_length, head_dim]);
        let key_states = key_states.view([inputs * heads, source_length, head_dim]);
        let value_states = value_states.view([inputs * heads, source_length, head_dim]);
        let mut attention_weights = query_states.bmm(&key_states.transpose(1, 2));
        let full_shape = [inputs, heads, group, target_length, source_length];
        if let Some(mask) = attention_mask {
            attention_weights = (attention_weights.view(full_shape) + mask.unsqueeze(2))
                .view([inputs * heads, group * target_length, source_length]);
        }
        attention_weights = attention_weights.softmax(-1, attention_weights.kind());
        let saved_attention_weights = self.output_attentions.then(|| {
            attention_weights
                .view(full_shape)
                .permute([0, 2, 1, 3, 4])
                .reshape([bs, heads, target_length, source_length])
        });
        let attention_output = attention_weights
            .apply_t(&self.dropout, train)
            .bmm(&value_states)
            .view([inputs, heads, group, target_length, head_dim])
            .permute([0, 2, 3, 1, 4])
            .reshape([bs, target_length, embed_dim])
            .apply(&self.out_proj);
        (attention_output, saved_attention_weights)
    }
}
