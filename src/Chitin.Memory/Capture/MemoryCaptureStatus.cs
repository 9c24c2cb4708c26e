namespace Chitin.Memory.Capture;

/// <summary>How a capture ended.</summary>
public enum MemoryCaptureStatus
{
    /// <summary>Capture is switched off; nothing was read or written.</summary>
    Disabled,

    /// <summary>No new conversation since the last capture; no model call was made.</summary>
    NothingNew,

    /// <summary>The model answered validly and every fact was saved (there may have been none).</summary>
    Captured,

    /// <summary>The model's answer was not valid; nothing was written and the messages will be read again next time.</summary>
    InvalidAnswer,

    /// <summary>The model call failed; nothing was written and the messages will be read again next time.</summary>
    ModelFailed,
}
