// Import boundaries of Wijkwerk's layers, checked on every import, export-from and import().
// The domain is read from the path (packages/core/src/<domain>/...), so a new domain folder
// needs no change here.
//   (a) outside packages/core, core is reached only as "@wijkwerk/core/<domain>": never a file
//       inside a domain, never a relative path into packages/core/src;
//   (b) inside packages/core/src/<domain>, another domain only through its door ("../<other>" or
//       "../<other>/index"); core's tests (packages/core/test, *.test.ts) may reach any file;
//   (c) db/ and packages/authz import neither core nor app/; core does not import app/.
//       This is the direction of the running code: a test file (*.test.ts, *.spec.ts or under
//       packages/core/test) may cross it, e.g. a db test on core's test database or a core test
//       that checks the Dutch text app/ shows for a core error code.
import path from "node:path";

const CORE_PACKAGE = "@wijkwerk/core";
const CORE = "packages/core";
const CORE_SRC = "packages/core/src";
const APP = "app";
const APP_ALIAS = "~/";
const DOOR = /^index(\.[cm]?[jt]sx?)?$/;

const posix = (p) => p.split(path.sep).join("/");
const within = (file, dir) => file === dir || file.startsWith(`${dir}/`);

/** Where a file sits: its layer, whether it is a test and, inside core's source, its domain. */
function zoneOf(file) {
  const test = within(file, `${CORE}/test`) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file);
  if (within(file, CORE)) {
    const parts = within(file, CORE_SRC) ? file.slice(CORE_SRC.length + 1).split("/") : [];
    // A file directly in src/ (not in a domain folder) has no domain.
    const domain = parts.length > 1 ? parts[0] : null;
    return { layer: "core", domain, test };
  }
  if (within(file, "db")) return { layer: "db", test };
  if (within(file, "packages/authz")) return { layer: "authz", test };
  return { layer: "outside", test };
}

/** What an import points at, as a path from the repository root (or null for a package). */
function targetOf(specifier, fromFile) {
  if (specifier.startsWith(".")) return posix(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (specifier.startsWith(APP_ALIAS)) return `${APP}/${specifier.slice(APP_ALIAS.length)}`;
  return null;
}

/** Inside core's source: the domain and the path within it ("" for the door itself). */
function domainPath(target) {
  const parts = target
    .slice(CORE_SRC.length + 1)
    .split("/")
    .filter(Boolean);
  return { domain: parts[0], inner: parts.slice(1).join("/") };
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "Reach core's domains only through their index.ts; keep db/, authz and core below app/." },
    schema: [
      {
        type: "object",
        properties: {
          // Repository root; defaults to ESLint's working directory.
          root: { type: "string" },
          // Whether the bare "@wijkwerk/core" (a root barrel) may be imported.
          allowPackageRoot: { type: "boolean" },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      deepPackage: "Import '{{domain}}' through its door: '@wijkwerk/core/{{domain}}', not a file inside it.",
      packageRoot: "Import a domain ('@wijkwerk/core/<domain>'), not the whole of '@wijkwerk/core'.",
      relativeIntoCore: "Outside packages/core, import core as '@wijkwerk/core/{{domain}}', not by a relative path.",
      otherDomainInternals: "Domain '{{from}}' may use '{{domain}}' only through its door ('../{{domain}}'), not '{{inner}}'.",
      layerCore: "{{layer}} sits below core: it must not import packages/core.",
      layerApp: "{{layer}} sits below app/: it must not import the app.",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = options.root ?? context.cwd;
    const file = posix(path.relative(root, context.filename));
    // Files outside the repository (e.g. stdin without a name) are not checked.
    if (file.startsWith("..") || path.isAbsolute(file)) return {};
    const zone = zoneOf(file);
    const layerName = { db: "db/", authz: "packages/authz", core: "packages/core" }[zone.layer];

    function check(node, specifier) {
      if (typeof specifier !== "string") return;
      const report = (messageId, data = {}) => context.report({ node, messageId, data });
      const target = targetOf(specifier, file);

      const isCorePackage = specifier === CORE_PACKAGE || specifier.startsWith(`${CORE_PACKAGE}/`);
      const reachesCore = isCorePackage || (target !== null && within(target, CORE));
      const reachesApp = target !== null && within(target, APP);

      // (c) the running code of the lower layers.
      if (!zone.test) {
        if ((zone.layer === "db" || zone.layer === "authz") && reachesCore) return report("layerCore", { layer: layerName });
        if (zone.layer !== "outside" && reachesApp) return report("layerApp", { layer: layerName });
      }

      if (isCorePackage) {
        const parts = specifier
          .slice(CORE_PACKAGE.length + 1)
          .split("/")
          .filter(Boolean);
        if (parts.length === 0) {
          if (!options.allowPackageRoot) report("packageRoot");
        } else if (parts.length > 1 && !(parts.length === 2 && DOOR.test(parts[1]))) {
          report("deepPackage", { domain: parts[0] });
        }
        return;
      }
      if (target === null || !within(target, CORE_SRC)) return;
      const { domain, inner } = domainPath(target);

      // (a) outside core: only the package name.
      if (zone.layer !== "core") return report("relativeIntoCore", { domain: domain ?? "<domain>" });

      // (b) inside core: its own domain freely, another one only through its door; tests may reach in.
      if (zone.test || zone.domain === null || domain === zone.domain) return;
      // src/index.ts, a barrel over every domain, would bring the importing domain back in.
      if (DOOR.test(domain)) return options.allowPackageRoot ? undefined : report("packageRoot");
      if (inner === "" || DOOR.test(inner)) return;
      report("otherDomainInternals", { from: zone.domain, domain, inner: `../${domain}/${inner}` });
    }

    const literal = (source) => {
      if (!source) return undefined;
      if (source.type === "Literal") return source.value;
      if (source.type === "TemplateLiteral" && source.expressions.length === 0) return source.quasis[0].value.cooked;
      return undefined;
    };

    return {
      ImportDeclaration: (node) => check(node, literal(node.source)),
      ExportNamedDeclaration: (node) => check(node, literal(node.source)),
      ExportAllDeclaration: (node) => check(node, literal(node.source)),
      ImportExpression: (node) => check(node, literal(node.source)),
      TSImportEqualsDeclaration: (node) => node.moduleReference.type === "TSExternalModuleReference" && check(node, literal(node.moduleReference.expression)),
    };
  },
};

export default { meta: { name: "wijkwerk" }, rules: { "domain-boundaries": rule } };
