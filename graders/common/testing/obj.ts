/**
 * A Kubernetes object as free-form JSON. Tests build live objects from manifests and mutate them
 * into failing variants at arbitrary depth; typing every manifest would only hide what they change.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON fixtures, see above
export type Obj = Record<string, any>;
