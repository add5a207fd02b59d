// Redocly plugin for api/redocly.yaml: teaches the linter one vendor extension.
//
// openapi.yaml sends the search filter as a plain string query parameter (every
// generator serializes that correctly) and names the schema of the JSON document
// inside it with `x-json-document: {$ref: '#/components/schemas/CustomerSearchFilter'}`.
// Redocly does not walk into unknown extensions, so without this the schema would be
// reported by `no-unused-components` and its properties would escape the description
// rules. Typing the extension as a Schema makes Redocly follow the reference and lint
// the schema like any other. Other tools ignore the extension.
module.exports = function partnerCenterPlugin() {
  return {
    id: 'partnercenter',
    typeExtension: {
      oas3(types) {
        types.Schema.properties['x-json-document'] = 'Schema';
        return types;
      },
    },
  };
};
