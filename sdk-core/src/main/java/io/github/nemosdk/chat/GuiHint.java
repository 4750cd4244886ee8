package io.github.nemosdk.chat;

/**
 * An action the assistant's text asks for as if the user had a GUI. The backend says "click Export" or "open the
 * panel"; an API client does the matching call instead.
 */
public enum GuiHint {
    /** "Export button", "导出": run the export. */
    EXPORT,
    /** "open …", "打开": read the session state. */
    SHOW_STATE,
    /** "drag / drop", "拖拽": send the edit as a chat message. */
    SEND_EDIT,
    /** "preview in timeline": show the track summary. */
    SHOW_TRACKS,
    /** "check account / billing": read the credits. */
    SHOW_CREDITS,
    /** "click …", "点击" with no more specific action: do the named action through the API. */
    EXECUTE
}
