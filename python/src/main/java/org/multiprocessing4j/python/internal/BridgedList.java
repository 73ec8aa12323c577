package org.multiprocessing4j.python.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The methods of CPython's {@code ListProxy} on a Java {@code List}, for {@link BridgedObject}. */
final class BridgedList {

    private BridgedList() {
    }

    @SuppressWarnings("unchecked")
    static Object call(Object object, String method, List<Object> args) {
        List<Object> list = (List<Object>) object;
        try {
            switch (method) {
                case "__contains__":
                    return list.contains(args.get(0));
                case "__getitem__":
                    return list.get(index(list, args.get(0)));
                case "__setitem__":
                    list.set(index(list, args.get(0)), args.get(1));
                    return null;
                case "__delitem__":
                    list.remove(index(list, args.get(0)));
                    return null;
                case "__len__":
                    return list.size();
                case "__add__":
                    List<Object> sum = new ArrayList<>(list);
                    sum.addAll((List<Object>) args.get(0));
                    return sum;
                case "append":
                    list.add(args.get(0));
                    return null;
                case "count":
                    return Collections.frequency(list, args.get(0));
                case "extend":
                    list.addAll((List<Object>) args.get(0));
                    return null;
                case "index":
                    int at = list.indexOf(args.get(0));
                    if (at < 0) {
                        throw new BridgedObject.Raised("builtins", "ValueError", args.get(0) + " is not in list");
                    }
                    return at;
                case "insert":
                    int size = list.size();
                    int position = ((Number) args.get(0)).intValue();
                    list.add(Math.max(0, Math.min(size, position < 0 ? position + size : position)), args.get(1));
                    return null;
                case "pop":
                    if (list.isEmpty()) {
                        throw new BridgedObject.Raised("builtins", "IndexError", "pop from empty list");
                    }
                    return list.remove(args.isEmpty() ? list.size() - 1 : index(list, args.get(0)));
                case "remove":
                    if (!list.remove(args.get(0))) {
                        throw new BridgedObject.Raised("builtins", "ValueError", "list.remove(x): x not in list");
                    }
                    return null;
                case "reverse":
                    List<Object> reversed = new ArrayList<>(list);
                    Collections.reverse(reversed);
                    for (int i = 0; i < reversed.size(); i++) {
                        list.set(i, reversed.get(i));
                    }
                    return null;
                default:
                    throw new IllegalStateException(method);
            }
        } catch (IndexOutOfBoundsException e) {
            throw new BridgedObject.Raised("builtins", "IndexError", "list index out of range");
        }
    }

    /** Python's index: from the end when negative. */
    private static int index(List<Object> list, Object index) {
        int i = ((Number) index).intValue();
        return i < 0 ? i + list.size() : i;
    }
}
