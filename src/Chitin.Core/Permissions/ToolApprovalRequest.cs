using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Core.Permissions;

public sealed record ToolApprovalRequest(ITool Tool, string CallId, JsonElement Arguments, ToolContext Context);
