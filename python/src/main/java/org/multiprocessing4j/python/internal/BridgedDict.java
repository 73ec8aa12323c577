package org.multiprocessing4j.python.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The methods of CPython's {@code DictProxy} on a Java {@code Map}, for {@link BridgedObject}. */
final class BridgedDict {

    private BridgedDict() {
    }

    @SuppressWarnings("unchecked")
    static Object call(Object object, String method, List<Object> args) {
        Map<Object, Object> map = (Map<Object, Object>) object;
        switch (method) {
            case "__contains__":
                return map.containsKey(args.get(0));
            case "__getitem__":
                return present(map, args.get(0), map.get(args.get(0)));
            case "__setitem__":
                map.put(args.get(0), args.get(1));
                return null;
            case "__delitem__":
                present(map, args.get(0), null);
                map.remove(args.get(0));
                return null;
            case "__len__":
                return map.size();
            case "clear":
                map.clear();
                return null;
            case "copy":
                return new LinkedHashMap<>(map);
            case "get":
                return map.containsKey(args.get(0)) ? map.get(args.get(0)) : args.size() > 1 ? args.get(1) : null;
            case "items":
                List<Object> items = new ArrayList<>();
                map.forEach((key, value) -> items.add(new Object[] {key, value}));
                return items;
            case "keys":
                return new ArrayList<>(map.keySet());
            case "values":
                return new ArrayList<>(map.values());
            case "pop":
                if (map.containsKey(args.get(0))) {
                    return map.remove(args.get(0));
                }
                if (args.size() > 1) {
                    return args.get(1);
                }
                throw keyError(args.get(0));
            case "popitem":
                // Python's is the last key put; a map's keys in its own order, the last of them
                Object last = null;
                boolean any = false;
                for (Object key : map.keySet()) {
                    last = key;
                    any = true;
                }
                if (!any) {
                    throw new BridgedObject.Raised("builtins", "KeyError", "popitem(): dictionary is empty");
                }
                return new Object[] {last, map.remove(last)};
            case "setdefault":
                Object previous = map.putIfAbsent(args.get(0), args.size() > 1 ? args.get(1) : null);
                return previous != null ? previous : map.get(args.get(0));
            case "update":
                map.putAll((Map<Object, Object>) args.get(0));
                return null;
            default:
                throw new IllegalStateException(method);
        }
    }

    private static Object present(Map<Object, Object> map, Object key, Object value) {
        if (value == null && !map.containsKey(key)) {
            throw keyError(key);
        }
        return value;
    }

    private static BridgedObject.Raised keyError(Object key) {
        return new BridgedObject.Raised("builtins", "KeyError", key instanceof String || key instanceof Number ? key : String.valueOf(key));
    }
}
