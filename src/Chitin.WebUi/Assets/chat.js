// Chat page: one WebSocket to the gateway's /ws (protocol in docs/gateway.md), subscribed to this page's session.
// Model and tool text is untrusted: it only ever reaches the DOM through textContent, never as markup.

const chat = document.getElementById("chat");
const transcript = document.getElementById("transcript");
const form = document.getElementById("composer");
const input = document.getElementById("message");
const status = document.getElementById("status");
const tokensOut = document.getElementById("tokens");
const costOut = document.getElementById("cost");
const session = chat.dataset.session;
const sendButton = document.getElementById("send");

const runTotals = new Map(); // run id -> { tokens, cost } from its latest usage event
const tools = new Map(); // call id -> <details>
const asks = new Map(); // approval id -> card
let bubble = null; // the assistant message receiving text deltas
let socket = null;
let retry = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function add(node) {
  const item = node.tagName === "LI" ? node : el("li");
  if (item !== node) item.append(node);
  transcript.append(item);
  item.scrollIntoView({ block: "end" });
  return item;
}

function message(role, text) {
  const item = el("li", "msg " + role);
  item.append(el("span", "role", role === "user" ? "You" : role === "assistant" ? "Chitin" : "Error"));
  item.append(document.createTextNode(text));
  return add(item);
}

function requestId() {
  return crypto.randomUUID();
}

function send(frame) {
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    status.textContent = "Not connected; reconnecting…";
    return false;
  }
  socket.send(JSON.stringify(frame));
  return true;
}

function showTotals() {
  let tokens = 0;
  let cost = 0;
  for (const t of runTotals.values()) {
    tokens += t.tokens;
    cost += t.cost;
  }
  tokensOut.textContent = tokens.toLocaleString("en");
  costOut.textContent = "$" + cost.toFixed(4);
}

function onEvent(run, e) {
  switch (e.type) {
    case "turn_started":
      status.textContent = "Thinking…";
      break;
    case "text_delta":
      if (!bubble) bubble = message("assistant", "");
      bubble.append(document.createTextNode(e.text));
      break;
    case "tool_requested": {
      bubble = null;
      const card = el("details", "tool");
      const summary = el("summary");
      summary.append("Tool ", el("code", "", e.tool_name), el("span", "tool-state", " · running"));
      card.append(summary, el("pre", "", e.arguments_json));
      tools.set(e.call_id, card);
      add(card);
      break;
    }
    case "tool_finished": {
      const card = tools.get(e.call_id);
      if (!card) break;
      const state = e.refused ? " · refused" : e.is_error ? " · failed" : " · done";
      card.querySelector(".tool-state").textContent = state;
      if (e.is_error || e.refused) card.classList.add("failed");
      card.append(el("pre", "", e.preview));
      break;
    }
    case "usage":
      runTotals.set(run, { tokens: e.totals.input_tokens + e.totals.output_tokens, cost: Number(e.totals.cost_usd) });
      showTotals();
      break;
    case "error":
      bubble = null;
      message("error", e.message);
      break;
    case "done":
      bubble = null;
      status.textContent = "";
      break;
  }
}

function onApproval(frame) {
  bubble = null;
  const card = el("div", "ask");
  card.setAttribute("role", "group");
  card.setAttribute("aria-label", "Approval for " + frame.tool);
  const question = el("p");
  question.append("Allow ", el("code", "", frame.tool), "? ");
  question.append(el("span", "", frame.summary));
  const actions = el("div", "actions");
  const approve = el("button", "", "Approve");
  const deny = el("button", "secondary", "Deny");
  for (const [button, allow] of [[approve, true], [deny, false]]) {
    button.type = "button";
    button.addEventListener("click", () => {
      if (send({ type: "approval.answer", id: requestId(), approval: frame.approval, allow })) {
        approve.disabled = deny.disabled = true;
      }
    });
  }
  actions.append(approve, deny);
  card.append(question, actions);
  asks.set(frame.approval, card);
  add(card);
  approve.focus();
}

function onResolved(frame) {
  const card = asks.get(frame.approval);
  if (!card) return;
  card.querySelector(".actions").replaceChildren(el("span", frame.allowed ? "ok" : "error", (frame.allowed ? "Approved" : "Denied") + " (" + frame.by + ")"));
}

function onFrame(frame) {
  if (frame.session && frame.session !== session) return;
  switch (frame.type) {
    case "event":
      onEvent(frame.run, frame.event);
      break;
    case "approval_requested":
      onApproval(frame);
      break;
    case "approval_resolved":
      onResolved(frame);
      break;
    case "turn_queued":
      status.textContent = "Queued behind the running turn (position " + frame.position + ").";
      break;
    case "error":
      status.textContent = frame.message;
      break;
  }
}

function connect() {
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  socket = new WebSocket(url);
  socket.addEventListener("open", () => {
    retry = 0;
    status.textContent = "";
    sendButton.disabled = false;
    send({ type: "session.subscribe", id: requestId(), session });
  });
  socket.addEventListener("message", (m) => onFrame(JSON.parse(m.data)));
  socket.addEventListener("close", () => {
    sendButton.disabled = true;
    status.textContent = "Disconnected; reconnecting…";
    retry = Math.min(retry + 1, 5);
    setTimeout(connect, 500 * 2 ** retry);
  });
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  if (send({ type: "turn.start", id: requestId(), session, agent: "chitin", message: text })) {
    bubble = null;
    message("user", text);
    input.value = "";
    status.textContent = "Sending…";
  }
});

input.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) form.requestSubmit();
});

connect();
