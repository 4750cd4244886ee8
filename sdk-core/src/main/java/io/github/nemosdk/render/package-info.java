/**
 * Rendering: export a session's timeline to an MP4 ({@link io.github.nemosdk.render.RenderClient#export}), or drive
 * the steps yourself (start, poll or await, cancel, download).
 */
@ValueStyle
package io.github.nemosdk.render;

import io.github.nemosdk.internal.ValueStyle;
