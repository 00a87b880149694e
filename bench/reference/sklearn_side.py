"""The reference side of bench/reference/compare.ts: scikit-learn and NumPy on
the data risklab exported (features.f64, labels.u8, scores.f64, meta.json),
timed in CPU seconds (time.process_time: this process, every thread) and
printed as one JSON object on stdout.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c 0 \
        /usr/bin/python3 bench/reference/sklearn_side.py <task> <export dir> <repeats>

Tasks: check (versions), logistic, forest, boosting, neural, sweep. The
settings match bench/reference/model-rows.ts; keep them in step. Seeded
estimators use random_state = repeat (0, 1, 2, ...).
"""
import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score, roc_auc_score  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402


def load(folder):
    meta = json.load(open(os.path.join(folder, "meta.json")))
    n, d = meta["nRows"], len(meta["names"])
    x = np.fromfile(os.path.join(folder, "features.f64"), dtype="<f8").reshape(n, d)
    y = np.fromfile(os.path.join(folder, "labels.u8"), dtype=np.uint8).astype(np.int64)
    return meta, x, y


def cpu(f):
    start = time.process_time()
    value = f()
    return time.process_time() - start, value


def per_call(f, batches=5):
    """CPU seconds per call of a fast f: batches of calls lasting at least ~50 ms."""
    calls = 1
    while True:
        seconds, _ = cpu(lambda: [f() for _ in range(calls)])
        if seconds >= 0.05 or calls >= 1 << 16:
            break
        calls *= 2
    return [cpu(lambda: [f() for _ in range(calls)])[0] / calls for _ in range(batches)]


def fit_repeats(make, x_train, y_train, x_test, y_test, repeats, note=None):
    seconds, auc, models = [], [], []
    for seed in range(repeats):
        model = make(seed)
        s, _ = cpu(lambda: model.fit(x_train, y_train))
        seconds.append(s)
        auc.append(roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]))
        models.append(model)
    out = {"seconds": seconds, "auc": auc}
    if note:
        out["note"] = note(models[0])
    return out, models


def main():
    task, folder, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if task == "check":
        print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__}))
        return
    meta, x, y = load(folder)
    k = meta["nTrain"]
    data = (x[:k], y[:k], x[k:], y[k:])
    warnings.simplefilter("ignore", ConvergenceWarning)
    if task == "logistic":
        fit, _ = fit_repeats(lambda s: LogisticRegression(penalty=None, max_iter=1000), *data, repeats, lambda m: f"lbfgs, {int(m.n_iter_[0])} iterations")
        result = {"fit": fit}
    elif task == "forest":
        fit, _ = fit_repeats(
            lambda s: RandomForestClassifier(n_estimators=100, max_depth=12, min_samples_leaf=20, max_features="sqrt", n_jobs=1, random_state=s),
            *data,
            repeats,
        )
        result = {"fit": fit}
    elif task == "boosting":
        fit, _ = fit_repeats(
            lambda s: HistGradientBoostingClassifier(
                max_iter=200, learning_rate=0.1, max_leaf_nodes=31, max_depth=6, min_samples_leaf=20, l2_regularization=1.0,
                max_bins=255, early_stopping=True, validation_fraction=0.1, n_iter_no_change=10, tol=1e-7, random_state=s,
            ),
            *data,
            repeats,
            lambda m: f"{m.n_iter_} rounds (first fit)",
        )
        result = {"fit": fit}
    elif task == "neural":
        fit, models = fit_repeats(
            lambda s: MLPClassifier(
                hidden_layer_sizes=(32, 16), activation="relu", solver="adam", alpha=0.0, batch_size=256, learning_rate_init=0.001,
                max_iter=10, shuffle=True, tol=0.0, n_iter_no_change=10**9, early_stopping=False, random_state=s,
            ),
            *data,
            repeats,
        )
        model = models[0]
        result = {
            "fit": fit,
            "predict": {"seconds": per_call(lambda: model.predict_proba(data[2])), "note": f"{len(data[2]):,} rows"},
            "predictAll": {"seconds": per_call(lambda: model.predict_proba(x)), "note": f"{len(x):,} rows"},
        }
    elif task == "sweep":
        scores = np.fromfile(os.path.join(folder, "scores.f64"), dtype="<f8")

        def run():
            np.argsort(-scores, kind="stable")
            return roc_auc_score(y, scores), average_precision_score(y, scores)

        auc, ap = run()
        result = {"sweep": {"seconds": per_call(run), "auc": [auc], "ap": [ap], "note": "argsort + roc_auc_score + average_precision_score"}}
    else:
        raise SystemExit(f"unknown task {task!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
