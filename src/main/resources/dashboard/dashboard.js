// Liên Thông Gateway operations dashboard: plain JS, reads the JSON endpoints under /dashboard/api.
// Every value is put into the page as text (never as HTML).
"use strict";

async function getJson(path) {
  const r = await fetch(path, { credentials: "same-origin", headers: { "Accept": "application/json" } });
  if (r.status === 401) { window.location.href = "/dashboard/login"; throw new Error("not logged in"); }
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
}

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

function fill(tableId, rows, render, empty) {
  const body = document.querySelector("#" + tableId + " tbody");
  body.replaceChildren();
  if (rows.length === 0) {
    const tr = document.createElement("tr");
    const td = cell(tr, empty, "muted");
    td.colSpan = document.querySelectorAll("#" + tableId + " thead th").length;
    body.appendChild(tr);
    return;
  }
  for (const row of rows) {
    const tr = document.createElement("tr");
    render(tr, row);
    body.appendChild(tr);
  }
}

function docLink(td, documentId) {
  const a = document.createElement("a");
  a.className = "doc";
  a.textContent = documentId || "";
  a.addEventListener("click", () => showTrace(documentId));
  td.replaceChildren(a);
}

async function loadMe() {
  const me = await getJson("/dashboard/api/me");
  document.getElementById("operator").textContent = "Cán bộ: " + (me.name || me.username);
}

async function loadFlows() {
  const flows = await getJson("/dashboard/api/flows");
  fill("flows", flows, (tr, f) => {
    cell(tr, f.agency, "code"); cell(tr, f.name);
    cell(tr, f.sent, "num"); cell(tr, f.received, "num"); cell(tr, f.refused, "num");
    if (f.refused > 0) tr.className = "warn";
  }, "Chưa có cơ quan nào");
}

async function loadQueues() {
  const queues = await getJson("/dashboard/api/queues");
  fill("queues", queues, (tr, q) => {
    cell(tr, q.queue, "code"); cell(tr, q.depth < 0 ? "không rõ" : q.depth, "num");
    if ((q.queue.endsWith(".dead") || q.queue.endsWith(".parked")) && q.depth > 0) tr.className = "warn";
  }, "");
}

async function loadStuck() {
  const s = await getJson("/dashboard/api/stuck");
  document.getElementById("stuck-after").textContent = "(quá " + s.stuckAfter + " chưa sang trạng thái cuối)";
  fill("stuck", s.documents, (tr, d) => {
    docLink(cell(tr, ""), d.documentId); cell(tr, d.subject); cell(tr, d.sender, "code"); cell(tr, d.receiver, "code");
    cell(tr, (d.statusCode ? d.statusCode + " — " : "") + d.statusLabel); cell(tr, d.since, "code"); cell(tr, d.hours, "num");
    tr.className = "warn";
  }, "Không có văn bản tồn đọng");
}

async function loadRefusals() {
  const refusals = await getJson("/dashboard/api/refusals");
  fill("refusals", refusals, (tr, r) => {
    cell(tr, r.at, "code"); cell(tr, r.agency, "code");
    const td = cell(tr, "");
    if (r.documentId) docLink(td, r.documentId); else td.textContent = r.fileName || "";
    cell(tr, r.reasonCode, "code");
    const why = cell(tr, r.reasonVi || r.details);
    if (r.details) why.title = r.details;
  }, "Không có gói tin bị từ chối");
}

async function search(q) {
  const docs = await getJson("/dashboard/api/documents?q=" + encodeURIComponent(q));
  fill("documents", docs, (tr, d) => {
    docLink(cell(tr, ""), d.documentId); cell(tr, d.notation); cell(tr, d.subject); cell(tr, d.sender, "code");
    cell(tr, d.receivedAt, "code");
    cell(tr, d.receivers.map(r => r.receiver + " (" + (r.statusCode || "—") + " " + r.statusLabel + ")").join(", "));
  }, "Không tìm thấy văn bản");
  if (docs.length === 1) showTrace(docs[0].documentId);
}

async function showTrace(documentId) {
  const events = await getJson("/dashboard/api/trace?documentId=" + encodeURIComponent(documentId));
  document.getElementById("trace-id").textContent = documentId;
  const list = document.getElementById("timeline");
  list.replaceChildren();
  for (const e of events) {
    const li = document.createElement("li");
    if (e.statusCode) li.dataset.status = e.statusCode;
    const t = document.createElement("time");
    t.dateTime = e.at; t.textContent = e.at;
    li.appendChild(t);
    const what = document.createElement("span");
    what.className = e.statusCode ? "status" : "what";
    what.textContent = (e.statusCode ? "Trạng thái " + e.statusCode + " — " + (e.statusLabel || "") + ": " : "") + e.what
        + (e.agency ? " · " + e.agency : "");
    li.appendChild(what);
    if (e.detail) {
      const d = document.createElement("span");
      d.className = "detail"; d.textContent = e.detail;
      li.appendChild(d);
    }
    list.appendChild(li);
  }
  document.getElementById("trace-panel").hidden = false;
}

async function refresh() {
  await Promise.all([loadFlows(), loadQueues(), loadStuck(), loadRefusals()]);
  document.getElementById("updated").textContent = "cập nhật " + new Date().toLocaleTimeString("vi-VN");
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-form").addEventListener("submit", ev => {
    ev.preventDefault();
    search(document.getElementById("search").value).catch(console.error);
  });
  loadMe().catch(console.error);
  refresh().catch(console.error);
  search("").catch(console.error);
  setInterval(() => refresh().catch(console.error), 30000);
});
