// SPDX-License-Identifier: LGPL-2.1-or-later
// webidl.js: the Web IDL conversions the Fetch API objects need (Web IDL
// §3.2), so that arguments behave as they do in a browser: a missing
// argument, a non-object dictionary or an unknown enum value is a
// TypeError, and strings are converted the same way.

/** The %IteratorPrototype% intrinsic, for pair iterators. */
export const IteratorPrototype =
    Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

/**
 * Throws the TypeError a browser throws when a method gets fewer than its
 * required arguments.
 *
 * @param {number} given arguments.length
 * @param {number} required how many are required
 * @param {string} where 'Interface.method' or 'Interface constructor'
 */
export function requireArgs(given, required, where) {
    if (given < required) {
        throw new TypeError(`${where}: ${required} argument${required > 1 ? 's' : ''} required, ` +
            `but only ${given} present.`);
    }
}

/** Web IDL DOMString: ToString, which throws a TypeError for symbols. */
export function toDOMString(value) {
    if (typeof value === 'symbol')
        throw new TypeError('Cannot convert a Symbol value to a string');
    return `${value}`;
}

/** Web IDL USVString: a DOMString with lone surrogates replaced by U+FFFD. */
export function toUSVString(value) {
    const s = toDOMString(value);
    // Fast path: no surrogates at all.
    if (!/[\uD800-\uDFFF]/.test(s))
        return s;
    return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Web IDL ByteString: a DOMString whose code units are all below 256. */
export function toByteString(value, what = 'Value') {
    const s = toDOMString(value);
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u00FF]/.test(s))
        throw new TypeError(`${what} “${s}” is not a valid ByteString: it has characters above U+00FF.`);
    return s;
}

/** Web IDL boolean. */
export function toBoolean(value) {
    return Boolean(value);
}

/**
 * Web IDL unsigned short (not [EnforceRange]): ToNumber, truncated,
 * modulo 2^16.
 */
export function toUnsignedShort(value) {
    let x = Number(value);
    if (!Number.isFinite(x))
        return 0;
    x = Math.trunc(x) % 65536;
    return x < 0 ? x + 65536 : x;
}

/**
 * Web IDL [EnforceRange] unsigned long long.
 *
 * @param {*} value the value
 * @param {string} what its name, for the error
 * @returns {number}
 */
export function toEnforcedUnsignedLongLong(value, what) {
    const x = Number(value);
    if (!Number.isFinite(x))
        throw new TypeError(`${what} is not a finite number.`);
    const t = Math.trunc(x);
    if (t < 0 || t > Number.MAX_SAFE_INTEGER)
        throw new TypeError(`${what} is outside the range of an unsigned long long.`);
    return t;
}

/**
 * A dictionary argument: undefined and null are an empty dictionary, any
 * other non-object is a TypeError.
 *
 * @param {*} value the value
 * @param {string} name the dictionary's name, for the error
 * @returns {object}
 */
export function toDictionary(value, name) {
    if (value === undefined || value === null)
        return {};
    if (typeof value !== 'object' && typeof value !== 'function')
        throw new TypeError(`The value given as ${name} is not an object.`);
    return value;
}

/**
 * A Web IDL enum value.
 *
 * @param {*} value the value
 * @param {string[]} values the enum's values
 * @param {string} what the member's name, for the error
 * @returns {string}
 */
export function toEnum(value, values, what) {
    const s = toDOMString(value);
    if (!values.includes(s))
        throw new TypeError(`“${s}” is not a valid value for ${what}: expected one of ${values.map(v => `“${v}”`).join(', ')}.`);
    return s;
}

/** Whether value is callable (a Web IDL callback function). */
export function isCallable(value) {
    return typeof value === 'function';
}

/**
 * Converts an object with an iterator to a Web IDL sequence, or returns
 * null when the object has no Symbol.iterator (so a record is meant).
 *
 * @param {object} object the object
 * @returns {Array|null}
 */
export function iterableToArray(object) {
    const method = object[Symbol.iterator];
    if (method === undefined || method === null)
        return null;
    if (!isCallable(method))
        throw new TypeError('The object’s Symbol.iterator is not a function.');
    return Array.from({[Symbol.iterator]: () => method.call(object)});
}

/**
 * Web IDL record<K, V>: the own enumerable properties of an object, in
 * property order, keys and values converted.
 *
 * @param {object} object the object
 * @param {Function} convertKey the key conversion
 * @param {Function} convertValue the value conversion
 * @returns {Array<[string, *]>}
 */
export function toRecord(object, convertKey, convertValue) {
    const result = new Map();
    for (const key of Reflect.ownKeys(object)) {
        const desc = Reflect.getOwnPropertyDescriptor(object, key);
        if (desc === undefined || !desc.enumerable)
            continue;
        const typedKey = convertKey(key);
        result.set(typedKey, convertValue(object[key]));
    }
    return [...result];
}

/**
 * Makes a Web IDL pair iterator prototype ("Headers Iterator" etc.): its
 * next() recomputes the pairs at each step, as the live iterators of the
 * standard do.
 *
 * @param {string} name the interface's name
 * @returns {{create: function(object, Function, string): object}}
 */
export function makePairIterator(name) {
    const state = new WeakMap();
    const proto = Object.create(IteratorPrototype);
    Object.defineProperties(proto, {
        next: {
            value: function next() {
                const s = state.get(this);
                if (s === undefined)
                    throw new TypeError(`next() called on an object that is not a ${name} Iterator.`);
                const pairs = s.getPairs();
                if (s.index >= pairs.length)
                    return {value: undefined, done: true};
                const [key, value] = pairs[s.index++];
                let result;
                if (s.kind === 'key')
                    result = key;
                else if (s.kind === 'value')
                    result = value;
                else
                    result = [key, value];
                return {value: result, done: false};
            },
            writable: true, enumerable: true, configurable: true,
        },
        [Symbol.toStringTag]: {value: `${name} Iterator`, configurable: true},
    });
    return {
        create(getPairs, kind) {
            const it = Object.create(proto);
            state.set(it, {getPairs, kind, index: 0});
            return it;
        },
    };
}

/**
 * Defines entries/keys/values/forEach/Symbol.iterator on a class with a
 * pair iterator (Web IDL "iterable<K, V>").
 *
 * @param {Function} klass the class
 * @param {string} name its interface name
 * @param {function(object): Array<[*, *]>} getPairs the value pairs to
 *   iterate over of an instance (throws for a wrong this)
 */
export function definePairIterable(klass, name, getPairs) {
    const iter = makePairIterator(name);
    const methods = {
        entries() {
            getPairs(this);
            return iter.create(() => getPairs(this), 'key+value');
        },
        keys() {
            getPairs(this);
            return iter.create(() => getPairs(this), 'key');
        },
        values() {
            getPairs(this);
            return iter.create(() => getPairs(this), 'value');
        },
        forEach(callback, thisArg = undefined) {
            requireArgs(arguments.length, 1, `${name}.forEach`);
            getPairs(this);
            if (!isCallable(callback))
                throw new TypeError(`${name}.forEach: the callback is not a function.`);
            // Web IDL: the pairs are looked up again at each step.
            for (let i = 0; ; i++) {
                const pairs = getPairs(this);
                if (i >= pairs.length)
                    break;
                const [key, value] = pairs[i];
                callback.call(thisArg, value, key, this);
            }
        },
    };
    for (const [key, fn] of Object.entries(methods)) {
        Object.defineProperty(klass.prototype, key, {
            value: fn, writable: true, enumerable: true, configurable: true,
        });
    }
    Object.defineProperty(klass.prototype, Symbol.iterator, {
        value: klass.prototype.entries, writable: true, enumerable: false, configurable: true,
    });
}

/** Sets Symbol.toStringTag on a class's prototype, as Web IDL does. */
export function defineToStringTag(klass, name = klass.name) {
    Object.defineProperty(klass.prototype, Symbol.toStringTag, {
        value: name, configurable: true,
    });
}

/**
 * Makes the methods and accessors of a class enumerable, as Web IDL
 * operations and attributes are (JavaScript class members are not).
 *
 * @param {Function} klass the class
 */
export function makeEnumerable(klass) {
    for (const target of [klass, klass.prototype]) {
        for (const key of Object.getOwnPropertyNames(target)) {
            if (['constructor', 'prototype', 'length', 'name'].includes(key))
                continue;
            const desc = Object.getOwnPropertyDescriptor(target, key);
            if (desc.configurable && !desc.enumerable && (desc.get || desc.set || typeof desc.value === 'function'))
                Object.defineProperty(target, key, {...desc, enumerable: true});
        }
    }
}
