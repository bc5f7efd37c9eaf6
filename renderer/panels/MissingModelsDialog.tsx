export function MissingModelsDialog(): null {
  return null;
}
