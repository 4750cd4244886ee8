/**
 * Credits: the balance that chat edits consume. Exports are free.
 */
@ValueStyle
package io.github.nemosdk.credits;

import io.github.nemosdk.internal.ValueStyle;
