/**
 * The composer off the UI thread, for hosts with workers (a browser preview; UXP has none): loads the model
 * from the assets URL it is given, then answers each request with `compose`'s result (plain data).
 */
import { compose } from '../core/compose';
import type { ComposeRequest } from '../core/compose';
import { MusicModel } from '../core/model/model';
import { ASSET_PATHS, fetchAssets } from './engine';

interface Request {
  id: number;
  assets: string;
  request: ComposeRequest;
}

let model: Promise<MusicModel> | null = null;
const scope = self as unknown as {
  onmessage: ((e: { data: Request }) => void) | null;
  postMessage(m: unknown): void;
};

scope.onmessage = (e) => {
  const { id, assets, request } = e.data;
  const read = fetchAssets(assets);
  model ??= MusicModel.load((name) => read(`${ASSET_PATHS.model}/${name}`));
  model
    .then((m) => scope.postMessage({ id, result: compose(m, request) }))
    .catch((err: unknown) =>
      scope.postMessage({
        id,
        error: err instanceof Error ? { name: err.name, message: err.message } : String(err),
      }),
    );
};
