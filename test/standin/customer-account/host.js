// The customer-account host of the harness (docs/decisions/008-customer-account-harness.md):
// what Shopify's customer accounts give a UI extension, as far as Aftercare's extensions use it.
// It runs the bundle Shopify CLI built in the page itself (Shopify runs it in a sandboxed worker
// over Remote DOM), provides the `shopify` and `navigation` globals, and renders the Polaris web
// components as plain, accessible HTML in each element's shadow root. Plain browser JavaScript:
// served as is, never bundled into the app.
(() => {
  const config = JSON.parse(document.getElementById("harness-config").textContent);
  const messages = config.messages;

  // ---------- Polaris web components as plain accessible elements ----------
  const css = `:host{display:block;font:16px/1.45 system-ui,sans-serif;color:#1a1a1a}
    :host(s-text),:host(s-link),:host(s-badge){display:inline}
    :host([hidden]){display:none}
    .stack{display:flex;flex-direction:column;gap:12px} .inline{flex-direction:row;flex-wrap:wrap;align-items:center}
    h1{font-size:1.6rem;margin:0 0 16px} h2{font-size:1.2rem;margin:0 0 12px} h3{font-size:1rem;margin:0 0 6px}
    section{border:1px solid #ddd;border-radius:10px;padding:16px;margin:0 0 16px;background:#fff}
    .banner{border-radius:10px;padding:12px 16px;border:1px solid} .success{background:#e7f6ec;border-color:#2e7d4f}
    .critical{background:#fdecea;border-color:#b3261e} .info{background:#e8f1fb;border-color:#2862a8} .warning{background:#fff4e0;border-color:#9a5b00}
    button{font:inherit;padding:8px 16px;border-radius:8px;border:1px solid #767676;background:#fff;cursor:pointer}
    button.primary{background:#1a1a1a;color:#fff;border-color:#1a1a1a} button:disabled{opacity:.45;cursor:not-allowed}
    label{display:flex;gap:8px;align-items:center} .field{display:flex;flex-direction:column;gap:4px;align-items:flex-start}
    input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #767676;border-radius:6px}
    fieldset{border:0;padding:0;margin:0;display:flex;flex-direction:column;gap:6px} legend{font-weight:600;margin-bottom:6px}
    .subdued{color:#555} .badge{display:inline-block;padding:2px 10px;border-radius:999px;background:#eee;font-size:.85rem}
    a{color:#1f5199}`;

  const props = new WeakMap();
  class Base extends HTMLElement {
    static props = [];
    constructor() {
      super();
      this.attachShadow({ mode: "open" }).innerHTML = `<style>${css}</style>`;
      props.set(this, {});
    }
    static define(tag) {
      for (const name of this.props) {
        Object.defineProperty(this.prototype, name, {
          get() {
            return props.get(this)[name];
          },
          set(value) {
            props.get(this)[name] = value;
            if (this.isConnected) this.update();
          },
        });
      }
      customElements.define(tag, this);
    }
    get p() {
      return props.get(this);
    }
    connectedCallback() {
      if (!this.built) {
        this.built = true;
        this.build(this.shadowRoot);
      }
      this.update();
    }
    build() {}
    update() {}
    changed(type) {
      this.dispatchEvent(new Event(type, { bubbles: true }));
    }
  }
  const el = (tag, attrs = {}, children = []) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
    for (const child of children) node.append(child);
    return node;
  };
  let ids = 0;
  const uid = () => `h${++ids}`;

  class Page extends Base {
    static props = ["heading", "subheading"];
    build(root) {
      this.h = el("h1");
      root.append(el("main", {}, [this.h, el("slot")]));
    }
    update() {
      this.h.textContent = this.p.heading ?? "";
    }
  }
  class Section extends Base {
    static props = ["heading"];
    build(root) {
      const id = uid();
      this.h = el("h2", { id });
      root.append(el("section", { "aria-labelledby": id }, [this.h, el("slot")]));
    }
    update() {
      this.h.textContent = this.p.heading ?? "";
      this.h.hidden = !this.p.heading;
    }
  }
  class Stack extends Base {
    static props = ["direction", "gap", "alignItems"];
    build(root) {
      this.box = el("div", { class: "stack" }, [el("slot")]);
      root.append(this.box);
    }
    update() {
      this.box.className = `stack${this.p.direction === "inline" ? " inline" : ""}`;
    }
  }
  class Banner extends Base {
    static props = ["heading", "tone"];
    build(root) {
      this.h = el("h3");
      this.box = el("div", {}, [this.h, el("slot")]);
      root.append(this.box);
    }
    update() {
      const tone = this.p.tone ?? "info";
      this.box.className = `banner ${tone}`;
      this.box.setAttribute("role", tone === "critical" ? "alert" : "status");
      this.h.textContent = this.p.heading ?? "";
    }
  }
  class Spinner extends Base {
    static props = ["accessibilityLabel"];
    build(root) {
      this.box = el("div", { role: "progressbar" }, ["…"]);
      root.append(this.box);
    }
    update() {
      this.box.setAttribute("aria-label", this.p.accessibilityLabel ?? "Loading");
    }
  }
  class Text extends Base {
    static props = ["color", "tone", "type"];
    build(root) {
      this.box = el("span", {}, [el("slot")]);
      root.append(this.box);
    }
    update() {
      this.box.className = this.p.color === "subdued" ? "subdued" : "";
    }
  }
  class Paragraph extends Base {
    build(root) {
      root.append(el("p", { style: "margin:0" }, [el("slot")]));
    }
  }
  class Heading extends Base {
    build(root) {
      root.append(el("h3", {}, [el("slot")]));
    }
  }
  class Badge extends Base {
    static props = ["tone"];
    build(root) {
      root.append(el("span", { class: "badge" }, [el("slot")]));
    }
  }
  class UnorderedList extends Base {
    build(root) {
      root.append(el("div", { role: "list" }, [el("slot")]));
    }
  }
  class ListItem extends Base {
    build(root) {
      root.append(el("div", { role: "listitem" }, ["• ", el("slot")]));
    }
  }
  /** Buttons and links: an `href` is followed the way customer accounts do (see navigate below). */
  class Button extends Base {
    static props = ["variant", "disabled", "loading", "href", "accessibilityLabel", "type", "tone"];
    build(root) {
      this.button = el("button", { type: "button" }, [el("slot")]);
      this.button.addEventListener("click", (event) => {
        if (this.p.disabled || this.p.loading) {
          event.stopPropagation();
          return;
        }
        const href = this.p.href ?? this.getAttribute("href");
        if (href) navigate(href);
      });
      root.append(this.button);
    }
    update() {
      this.button.className = this.p.variant === "primary" ? "primary" : "";
      this.button.disabled = Boolean(this.p.disabled || this.p.loading);
      this.button.setAttribute("aria-busy", String(Boolean(this.p.loading)));
      if (this.p.accessibilityLabel) this.button.setAttribute("aria-label", this.p.accessibilityLabel);
    }
  }
  class Link extends Base {
    static props = ["href"];
    build(root) {
      this.a = el("a", { href: "#" }, [el("slot")]);
      this.a.addEventListener("click", (event) => {
        event.preventDefault();
        // Preact sets `href` as an attribute, never as a property.
        const href = this.p.href ?? this.getAttribute("href");
        if (href) navigate(href);
      });
      root.append(this.a);
    }
  }
  /** Children (<s-choice>, <s-option>) are data: the host draws the native controls from them. */
  const optionsOf = (host, tag) => [...host.querySelectorAll(tag)].map((child) => ({ value: child.value ?? child.getAttribute("value") ?? "", label: child.textContent ?? "" }));
  class Choice extends Base {
    static props = ["value", "disabled"];
    build(root) {
      root.innerHTML = "";
    }
  }
  class ChoiceList extends Base {
    static props = ["label", "name", "values", "multiple", "disabled", "error"];
    build(root) {
      this.fieldset = el("fieldset");
      root.append(this.fieldset);
      new MutationObserver(() => this.update()).observe(this, { childList: true, subtree: true, characterData: true });
    }
    update() {
      const values = this.p.values ?? [];
      const name = this.p.name ?? uid();
      this.fieldset.replaceChildren(el("legend", {}, [this.p.label ?? ""]));
      for (const option of optionsOf(this, "s-choice")) {
        const input = el("input", { type: this.p.multiple ? "checkbox" : "radio", name, value: option.value });
        input.checked = values.includes(option.value);
        input.addEventListener("change", () => {
          const checked = [...this.fieldset.querySelectorAll("input")].filter((i) => i.checked).map((i) => i.value);
          props.get(this).values = checked;
          this.changed("change");
        });
        this.fieldset.append(el("label", {}, [input, option.label]));
      }
    }
  }
  class Checkbox extends Base {
    static props = ["label", "checked", "disabled", "name", "value"];
    build(root) {
      this.input = el("input", { type: "checkbox" });
      this.text = el("span");
      this.input.addEventListener("change", () => {
        props.get(this).checked = this.input.checked;
        this.changed("change");
      });
      root.append(el("label", {}, [this.input, this.text]));
    }
    update() {
      this.input.checked = Boolean(this.p.checked);
      this.input.disabled = Boolean(this.p.disabled);
      this.text.textContent = this.p.label ?? "";
    }
  }
  /** Text-like fields: a labelled native control whose value the element reflects. */
  function field(control, extra = () => {}) {
    return class extends Base {
      static props = ["label", "value", "disabled", "min", "max", "name", "accept", "multiple", "error", "required", "placeholder", "details"];
      build(root) {
        // Not `this.label`: that is the component's `label` property.
        this.caption = el("span");
        this.control = control();
        const sync = (type) => () => {
          props.get(this).value = this.control.value;
          if (this.control.files) props.get(this).files = [...this.control.files];
          this.changed(type);
        };
        this.control.addEventListener("input", sync("input"));
        this.control.addEventListener("change", sync("change"));
        root.append(el("label", { class: "field" }, [this.caption, this.control]));
        if (this.control.tagName === "SELECT") new MutationObserver(() => this.update()).observe(this, { childList: true, subtree: true, characterData: true });
      }
      get files() {
        return this.p.files ?? [];
      }
      update() {
        this.caption.textContent = this.p.label ?? "";
        this.control.disabled = Boolean(this.p.disabled);
        extra(this);
        if (this.control.type !== "file" && this.p.value !== undefined && this.control.value !== String(this.p.value)) this.control.value = String(this.p.value);
      }
    };
  }
  const NumberField = field(() => el("input", { type: "number" }), (self) => {
    if (self.p.min !== undefined) self.control.min = String(self.p.min);
    if (self.p.max !== undefined) self.control.max = String(self.p.max);
  });
  const TextArea = field(() => el("textarea", { rows: 3 }));
  const DropZone = field(() => el("input", { type: "file" }), (self) => {
    self.control.accept = self.p.accept ?? "";
    self.control.multiple = Boolean(self.p.multiple);
  });
  const Select = field(() => el("select"), (self) => {
    const options = optionsOf(self, "s-option");
    self.control.replaceChildren(...options.map((o) => el("option", { value: o.value }, [o.label])));
  });
  class OptionEl extends Base {
    static props = ["value", "disabled"];
  }

  /** Admin surfaces (test/standin/admin-extension): the block's card, and the action's modal with its slotted buttons. */
  class AdminBlock extends Base {
    static props = ["heading", "collapsedSummary"];
    build(root) {
      const id = uid();
      this.h = el("h2", { id });
      root.append(el("section", { "aria-labelledby": id }, [this.h, el("slot")]));
    }
    update() {
      this.h.textContent = this.p.heading ?? "";
    }
  }
  class AdminAction extends Base {
    static props = ["heading", "loading"];
    build(root) {
      const id = uid();
      this.h = el("h2", { id });
      this.busy = el("div", { role: "progressbar", "aria-label": "Loading" }, ["…"]);
      root.append(
        el("div", { role: "dialog", "aria-labelledby": id, "aria-modal": "true" }, [
          el("section", {}, [this.h, this.busy, el("slot"), el("div", { class: "stack inline", style: "margin-top:16px" }, [el("slot", { name: "secondary-actions" }), el("slot", { name: "primary-action" })])]),
        ]),
      );
    }
    update() {
      this.h.textContent = this.p.heading ?? "";
      this.busy.hidden = !this.p.loading;
    }
  }
  /** Shopify POS (test/standin/pos): the home tile, a switch, a one-line field, and the layout boxes. */
  class Tile extends Base {
    static props = ["heading", "subheading", "disabled", "itemCount", "tone"];
    build(root) {
      this.h = el("strong");
      this.sub = el("span", { class: "subdued" });
      this.button = el("button", { type: "button", style: "display:flex;flex-direction:column;align-items:flex-start;gap:4px;width:240px;min-height:110px;padding:16px" }, [this.h, this.sub]);
      root.append(this.button);
    }
    update() {
      this.h.textContent = this.p.heading ?? "";
      this.sub.textContent = this.p.subheading ?? "";
      this.button.disabled = Boolean(this.p.disabled);
    }
  }
  class Switch extends Base {
    static props = ["label", "checked", "disabled", "error", "details"];
    build(root) {
      this.input = el("input", { type: "checkbox", role: "switch" });
      this.text = el("span");
      this.input.addEventListener("change", () => {
        props.get(this).checked = this.input.checked;
        this.changed("change");
      });
      root.append(el("label", {}, [this.input, this.text]));
    }
    update() {
      this.input.checked = Boolean(this.p.checked);
      this.input.disabled = Boolean(this.p.disabled);
      this.text.textContent = this.p.label ?? "";
    }
  }
  const TextField = field(() => el("input", { type: "text" }), (self) => {
    self.control.placeholder = self.p.placeholder ?? "";
  });
  class ScrollBox extends Base {
    build(root) {
      root.append(el("div", { style: "overflow:auto" }, [el("slot")]));
    }
  }
  class Box extends Base {
    static props = ["padding"];
    build(root) {
      root.append(el("div", { style: "padding:8px 0" }, [el("slot")]));
    }
  }
  Tile.define("s-tile");
  Switch.define("s-switch");
  TextField.define("s-text-field");
  ScrollBox.define("s-scroll-box");
  Box.define("s-box");

  AdminBlock.define("s-admin-block");
  AdminAction.define("s-admin-action");

  Page.define("s-page");
  Section.define("s-section");
  Stack.define("s-stack");
  Banner.define("s-banner");
  Spinner.define("s-spinner");
  Text.define("s-text");
  Paragraph.define("s-paragraph");
  Heading.define("s-heading");
  Badge.define("s-badge");
  UnorderedList.define("s-unordered-list");
  ListItem.define("s-list-item");
  Button.define("s-button");
  Link.define("s-link");
  Choice.define("s-choice");
  ChoiceList.define("s-choice-list");
  Checkbox.define("s-checkbox");
  NumberField.define("s-number-field");
  TextArea.define("s-text-area");
  DropZone.define("s-drop-zone");
  Select.define("s-select");
  OptionEl.define("s-option");

  // ---------- navigation: extension: and shopify: URLs, as customer accounts resolve them ----------
  function navigate(href) {
    window.__harnessNavigations.push(href);
    const match = /^extension:([^/]+)\/(?:customer-account\.order\.page\.render\/(\d+))?/.exec(href);
    if (match) {
      const next = new URL(`/customer-account/${match[1]}`, location.origin);
      next.searchParams.set("locale", config.locale);
      if (match[2]) next.searchParams.set("order", match[2]);
      location.assign(next.toString());
    }
  }
  window.__harnessNavigations = [];
  globalThis.navigation = {
    currentEntry: { key: "0", url: config.entryUrl, getState: () => undefined },
    navigate: (url) => navigate(url),
  };

  // ---------- the `shopify` global ----------
  let makeSignal = (value) => ({ value, current: value, subscribe: () => () => {} });
  function translate(key, options = {}) {
    const found = key.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), messages);
    if (typeof found !== "string") return key;
    return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => String(options[name] ?? ""));
  }
  const language = { isoCode: config.locale };
  const api = {
    extension: { target: config.target },
    extensionPoint: config.target,
    sessionToken: {
      // Shopify signs the token (HS256, the app's secret); so does the stand-in, on request.
      get: async () => (await (await fetch(`/customer-account/session-token?handle=${config.handle}`)).json()).token,
    },
    i18n: {
      translate,
      formatCurrency: (number, options = {}) => new Intl.NumberFormat(config.locale, { style: "currency", currency: options.currency ?? config.currency, ...options }).format(number),
      formatNumber: (number, options = {}) => new Intl.NumberFormat(config.locale, options).format(number),
      formatDate: (date, options = {}) => new Intl.DateTimeFormat(config.locale, options).format(date),
    },
    setSignals(Signal) {
      makeSignal = (value) => new Signal(value);
      api.localization = { language: makeSignal(language), extensionLanguage: makeSignal(language), country: makeSignal({ isoCode: config.country }) };
      if (config.orderId) api.order = makeSignal({ id: `gid://shopify/Order/${config.orderId}` });
      api.authenticatedAccount = { customer: makeSignal({ id: config.customerGid }) };
    },
    extend(target, render) {
      if (target !== config.target) {
        // One POS extension's bundle registers all its targets; the page hosts one of them.
        if (config.surface === "pos") return;
        throw new Error(`this page hosts ${config.target}, not ${target}`);
      }
      window.__harnessRender = render;
    },
  };
  api.localization = { language: makeSignal(language), extensionLanguage: makeSignal(language), country: makeSignal({ isoCode: config.country }) };
  api.authenticatedAccount = { customer: makeSignal({ id: config.customerGid }) };
  if (config.orderId) {
    api.orderId = `gid://shopify/Order/${config.orderId}`;
    api.order = makeSignal({ id: api.orderId });
  }
  if (config.surface === "pos") {
    // Shopify POS: the order or customer the screen shows, the modal a tile or menu item
    // presents, a toast, the POS user's session token, and fetch() to the app's URL with it.
    api.locale = { current: makeSignal(config.locale) };
    if (config.pos.order) api.order = config.pos.order;
    if (config.pos.customer) api.customer = config.pos.customer;
    api.action = {
      presentModal: () => {
        window.__harnessNavigations.push(`modal:${config.pos.modal}`);
        if (config.pos.modal) location.assign(config.pos.modalUrl);
      },
    };
    window.__harnessToasts = [];
    api.toast = { show: (message) => window.__harnessToasts.push(message) };
    window.close = () => {
      window.__harnessClosed = true;
      document.documentElement.dataset.closed = "true";
    };
  }
  if (config.surface === "admin" || config.surface === "pos") {
    // Admin extensions: the resource the page shows, close() for actions, and fetch() to the
    // app's URL with the staff member's session token added, as Shopify admin does.
    api.data = { selected: config.selected.map((id) => ({ id })) };
    api.close = () => {
      window.__harnessClosed = true;
      document.documentElement.dataset.closed = "true";
    };
    const originalFetch = globalThis.fetch.bind(globalThis);
    const idToken = async () => (await (await originalFetch(`${config.base}/session-token?handle=${config.handle}`)).json()).token;
    api.auth = { idToken };
    api.session = { currentSession: config.pos?.session ?? null, getSessionToken: idToken };
    globalThis.fetch = async (input, init = {}) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, config.appUrl);
      if (url.origin !== new URL(config.appUrl).origin) return originalFetch(input, init);
      const headers = new Headers(init.headers ?? {});
      headers.set("Authorization", `Bearer ${await idToken()}`);
      return originalFetch(url.toString(), { ...init, headers });
    };
  }
  if (config.appRoute) {
    // The demo in a person's browser: the extension calls the app's public URL
    // (shopify.app.toml's application_url), which here is the local build, as DNS would send it.
    const originalFetch = globalThis.fetch.bind(globalThis);
    globalThis.fetch = (input, init) => {
      const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
      return originalFetch(url.startsWith(config.appRoute.from) ? config.appRoute.to + url.slice(config.appRoute.from.length) : input, init);
    };
  }
  globalThis.shopify = api;

  // The built bundle registers its target with shopify.extend; then the host renders it.
  const script = document.createElement("script");
  script.src = `${config.base ?? "/customer-account"}/bundles/${config.handle}.js`;
  script.onload = () => Promise.resolve(window.__harnessRender(api)).then(() => (document.documentElement.dataset.rendered = "true"));
  document.head.append(script);
})();
