#!/usr/bin/env node
// GENERATED FILE, do not edit: pyhermetic 0.1.0 bundled from src/cli/runner.ts by scripts/bundle.mjs (esbuild 0.28.2); run 'npm run bundle' to rebuild.
import { createRequire as __pyhermeticCreateRequire } from 'node:module';
const require = __pyhermeticCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a2, b) => (typeof require !== "undefined" ? require : a2)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key2 of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key2) && key2 !== except)
        __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/isexe/windows.js
var require_windows = __commonJS({
  "node_modules/isexe/windows.js"(exports, module) {
    module.exports = isexe;
    isexe.sync = sync;
    var fs = __require("fs");
    function checkPathExt(path6, options2) {
      var pathext = options2.pathExt !== void 0 ? options2.pathExt : process.env.PATHEXT;
      if (!pathext) {
        return true;
      }
      pathext = pathext.split(";");
      if (pathext.indexOf("") !== -1) {
        return true;
      }
      for (var i2 = 0; i2 < pathext.length; i2++) {
        var p = pathext[i2].toLowerCase();
        if (p && path6.substr(-p.length).toLowerCase() === p) {
          return true;
        }
      }
      return false;
    }
    function checkStat(stat14, path6, options2) {
      if (!stat14.isSymbolicLink() && !stat14.isFile()) {
        return false;
      }
      return checkPathExt(path6, options2);
    }
    function isexe(path6, options2, cb) {
      fs.stat(path6, function(er, stat14) {
        cb(er, er ? false : checkStat(stat14, path6, options2));
      });
    }
    function sync(path6, options2) {
      return checkStat(fs.statSync(path6), path6, options2);
    }
  }
});

// node_modules/isexe/mode.js
var require_mode = __commonJS({
  "node_modules/isexe/mode.js"(exports, module) {
    module.exports = isexe;
    isexe.sync = sync;
    var fs = __require("fs");
    function isexe(path6, options2, cb) {
      fs.stat(path6, function(er, stat14) {
        cb(er, er ? false : checkStat(stat14, options2));
      });
    }
    function sync(path6, options2) {
      return checkStat(fs.statSync(path6), options2);
    }
    function checkStat(stat14, options2) {
      return stat14.isFile() && checkMode(stat14, options2);
    }
    function checkMode(stat14, options2) {
      var mod = stat14.mode;
      var uid = stat14.uid;
      var gid = stat14.gid;
      var myUid = options2.uid !== void 0 ? options2.uid : process.getuid && process.getuid();
      var myGid = options2.gid !== void 0 ? options2.gid : process.getgid && process.getgid();
      var u2 = parseInt("100", 8);
      var g = parseInt("010", 8);
      var o2 = parseInt("001", 8);
      var ug = u2 | g;
      var ret = mod & o2 || mod & g && gid === myGid || mod & u2 && uid === myUid || mod & ug && myUid === 0;
      return ret;
    }
  }
});

// node_modules/isexe/index.js
var require_isexe = __commonJS({
  "node_modules/isexe/index.js"(exports, module) {
    var fs = __require("fs");
    var core;
    if (process.platform === "win32" || global.TESTING_WINDOWS) {
      core = require_windows();
    } else {
      core = require_mode();
    }
    module.exports = isexe;
    isexe.sync = sync;
    function isexe(path6, options2, cb) {
      if (typeof options2 === "function") {
        cb = options2;
        options2 = {};
      }
      if (!cb) {
        if (typeof Promise !== "function") {
          throw new TypeError("callback not provided");
        }
        return new Promise(function(resolve19, reject) {
          isexe(path6, options2 || {}, function(er, is) {
            if (er) {
              reject(er);
            } else {
              resolve19(is);
            }
          });
        });
      }
      core(path6, options2 || {}, function(er, is) {
        if (er) {
          if (er.code === "EACCES" || options2 && options2.ignoreErrors) {
            er = null;
            is = false;
          }
        }
        cb(er, is);
      });
    }
    function sync(path6, options2) {
      try {
        return core.sync(path6, options2 || {});
      } catch (er) {
        if (options2 && options2.ignoreErrors || er.code === "EACCES") {
          return false;
        } else {
          throw er;
        }
      }
    }
  }
});

// node_modules/which/which.js
var require_which = __commonJS({
  "node_modules/which/which.js"(exports, module) {
    var isWindows = process.platform === "win32" || process.env.OSTYPE === "cygwin" || process.env.OSTYPE === "msys";
    var path6 = __require("path");
    var COLON = isWindows ? ";" : ":";
    var isexe = require_isexe();
    var getNotFoundError = (cmd) => Object.assign(new Error(`not found: ${cmd}`), { code: "ENOENT" });
    var getPathInfo = (cmd, opt) => {
      const colon = opt.colon || COLON;
      const pathEnv = cmd.match(/\//) || isWindows && cmd.match(/\\/) ? [""] : [
        // windows always checks the cwd first
        ...isWindows ? [process.cwd()] : [],
        ...(opt.path || process.env.PATH || /* istanbul ignore next: very unusual */
        "").split(colon)
      ];
      const pathExtExe = isWindows ? opt.pathExt || process.env.PATHEXT || ".EXE;.CMD;.BAT;.COM" : "";
      const pathExt = isWindows ? pathExtExe.split(colon) : [""];
      if (isWindows) {
        if (cmd.indexOf(".") !== -1 && pathExt[0] !== "")
          pathExt.unshift("");
      }
      return {
        pathEnv,
        pathExt,
        pathExtExe
      };
    };
    var which2 = (cmd, opt, cb) => {
      if (typeof opt === "function") {
        cb = opt;
        opt = {};
      }
      if (!opt)
        opt = {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      const step2 = (i2) => new Promise((resolve19, reject) => {
        if (i2 === pathEnv.length)
          return opt.all && found.length ? resolve19(found) : reject(getNotFoundError(cmd));
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path6.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        resolve19(subStep(p, i2, 0));
      });
      const subStep = (p, i2, ii) => new Promise((resolve19, reject) => {
        if (ii === pathExt.length)
          return resolve19(step2(i2 + 1));
        const ext = pathExt[ii];
        isexe(p + ext, { pathExt: pathExtExe }, (er, is) => {
          if (!er && is) {
            if (opt.all)
              found.push(p + ext);
            else
              return resolve19(p + ext);
          }
          return resolve19(subStep(p, i2, ii + 1));
        });
      });
      return cb ? step2(0).then((res) => cb(null, res), cb) : step2(0);
    };
    var whichSync = (cmd, opt) => {
      opt = opt || {};
      const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
      const found = [];
      for (let i2 = 0; i2 < pathEnv.length; i2++) {
        const ppRaw = pathEnv[i2];
        const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;
        const pCmd = path6.join(pathPart, cmd);
        const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd : pCmd;
        for (let j = 0; j < pathExt.length; j++) {
          const cur = p + pathExt[j];
          try {
            const is = isexe.sync(cur, { pathExt: pathExtExe });
            if (is) {
              if (opt.all)
                found.push(cur);
              else
                return cur;
            }
          } catch (ex) {
          }
        }
      }
      if (opt.all && found.length)
        return found;
      if (opt.nothrow)
        return null;
      throw getNotFoundError(cmd);
    };
    module.exports = which2;
    which2.sync = whichSync;
  }
});

// node_modules/path-key/index.js
var require_path_key = __commonJS({
  "node_modules/path-key/index.js"(exports, module) {
    "use strict";
    var pathKey2 = (options2 = {}) => {
      const environment = options2.env || process.env;
      const platform2 = options2.platform || process.platform;
      if (platform2 !== "win32") {
        return "PATH";
      }
      return Object.keys(environment).reverse().find((key2) => key2.toUpperCase() === "PATH") || "Path";
    };
    module.exports = pathKey2;
    module.exports.default = pathKey2;
  }
});

// node_modules/cross-spawn/lib/util/resolveCommand.js
var require_resolveCommand = __commonJS({
  "node_modules/cross-spawn/lib/util/resolveCommand.js"(exports, module) {
    "use strict";
    var path6 = __require("path");
    var which2 = require_which();
    var getPathKey = require_path_key();
    function resolveCommandAttempt(parsed, withoutPathExt) {
      const env = parsed.options.env || process.env;
      const cwd = process.cwd();
      const hasCustomCwd = parsed.options.cwd != null;
      const shouldSwitchCwd = hasCustomCwd && process.chdir !== void 0 && !process.chdir.disabled;
      if (shouldSwitchCwd) {
        try {
          process.chdir(parsed.options.cwd);
        } catch (err) {
        }
      }
      let resolved;
      try {
        resolved = which2.sync(parsed.command, {
          path: env[getPathKey({ env })],
          pathExt: withoutPathExt ? path6.delimiter : void 0
        });
      } catch (e) {
      } finally {
        if (shouldSwitchCwd) {
          process.chdir(cwd);
        }
      }
      if (resolved) {
        resolved = path6.resolve(hasCustomCwd ? parsed.options.cwd : "", resolved);
      }
      return resolved;
    }
    function resolveCommand(parsed) {
      return resolveCommandAttempt(parsed) || resolveCommandAttempt(parsed, true);
    }
    module.exports = resolveCommand;
  }
});

// node_modules/cross-spawn/lib/util/escape.js
var require_escape = __commonJS({
  "node_modules/cross-spawn/lib/util/escape.js"(exports, module) {
    "use strict";
    var metaCharsRegExp = /([()\][%!^"`<>&|;, *?])/g;
    function escapeCommand(arg) {
      arg = arg.replace(metaCharsRegExp, "^$1");
      return arg;
    }
    function escapeArgument(arg, doubleEscapeMetaChars) {
      arg = `${arg}`;
      arg = arg.replace(/(?=(\\+?)?)\1"/g, '$1$1\\"');
      arg = arg.replace(/(?=(\\+?)?)\1$/, "$1$1");
      arg = `"${arg}"`;
      arg = arg.replace(metaCharsRegExp, "^$1");
      if (doubleEscapeMetaChars) {
        arg = arg.replace(metaCharsRegExp, "^$1");
      }
      return arg;
    }
    module.exports.command = escapeCommand;
    module.exports.argument = escapeArgument;
  }
});

// node_modules/shebang-regex/index.js
var require_shebang_regex = __commonJS({
  "node_modules/shebang-regex/index.js"(exports, module) {
    "use strict";
    module.exports = /^#!(.*)/;
  }
});

// node_modules/shebang-command/index.js
var require_shebang_command = __commonJS({
  "node_modules/shebang-command/index.js"(exports, module) {
    "use strict";
    var shebangRegex = require_shebang_regex();
    module.exports = (string = "") => {
      const match = string.match(shebangRegex);
      if (!match) {
        return null;
      }
      const [path6, argument] = match[0].replace(/#! ?/, "").split(" ");
      const binary = path6.split("/").pop();
      if (binary === "env") {
        return argument;
      }
      return argument ? `${binary} ${argument}` : binary;
    };
  }
});

// node_modules/cross-spawn/lib/util/readShebang.js
var require_readShebang = __commonJS({
  "node_modules/cross-spawn/lib/util/readShebang.js"(exports, module) {
    "use strict";
    var fs = __require("fs");
    var shebangCommand = require_shebang_command();
    function readShebang(command) {
      const size = 150;
      const buffer = Buffer.alloc(size);
      let fd;
      try {
        fd = fs.openSync(command, "r");
        fs.readSync(fd, buffer, 0, size, 0);
        fs.closeSync(fd);
      } catch (e) {
      }
      return shebangCommand(buffer.toString());
    }
    module.exports = readShebang;
  }
});

// node_modules/cross-spawn/lib/parse.js
var require_parse = __commonJS({
  "node_modules/cross-spawn/lib/parse.js"(exports, module) {
    "use strict";
    var path6 = __require("path");
    var resolveCommand = require_resolveCommand();
    var escape = require_escape();
    var readShebang = require_readShebang();
    var isWin = process.platform === "win32";
    var isExecutableRegExp = /\.(?:com|exe)$/i;
    var isCmdShimRegExp = /node_modules[\\/].bin[\\/][^\\/]+\.cmd$/i;
    function detectShebang(parsed) {
      parsed.file = resolveCommand(parsed);
      const shebang = parsed.file && readShebang(parsed.file);
      if (shebang) {
        parsed.args.unshift(parsed.file);
        parsed.command = shebang;
        return resolveCommand(parsed);
      }
      return parsed.file;
    }
    function parseNonShell(parsed) {
      if (!isWin) {
        return parsed;
      }
      const commandFile = detectShebang(parsed);
      const needsShell = !isExecutableRegExp.test(commandFile);
      if (parsed.options.forceShell || needsShell) {
        const needsDoubleEscapeMetaChars = isCmdShimRegExp.test(commandFile);
        parsed.command = path6.normalize(parsed.command);
        parsed.command = escape.command(parsed.command);
        parsed.args = parsed.args.map((arg) => escape.argument(arg, needsDoubleEscapeMetaChars));
        const shellCommand = [parsed.command].concat(parsed.args).join(" ");
        parsed.args = ["/d", "/s", "/c", `"${shellCommand}"`];
        parsed.command = process.env.comspec || "cmd.exe";
        parsed.options.windowsVerbatimArguments = true;
      }
      return parsed;
    }
    function parse(command, args, options2) {
      if (args && !Array.isArray(args)) {
        options2 = args;
        args = null;
      }
      args = args ? args.slice(0) : [];
      options2 = Object.assign({}, options2);
      const parsed = {
        command,
        args,
        options: options2,
        file: void 0,
        original: {
          command,
          args
        }
      };
      return options2.shell ? parsed : parseNonShell(parsed);
    }
    module.exports = parse;
  }
});

// node_modules/cross-spawn/lib/enoent.js
var require_enoent = __commonJS({
  "node_modules/cross-spawn/lib/enoent.js"(exports, module) {
    "use strict";
    var isWin = process.platform === "win32";
    function notFoundError(original, syscall) {
      return Object.assign(new Error(`${syscall} ${original.command} ENOENT`), {
        code: "ENOENT",
        errno: "ENOENT",
        syscall: `${syscall} ${original.command}`,
        path: original.command,
        spawnargs: original.args
      });
    }
    function hookChildProcess(cp, parsed) {
      if (!isWin) {
        return;
      }
      const originalEmit = cp.emit;
      cp.emit = function(name, arg1) {
        if (name === "exit") {
          const err = verifyENOENT(arg1, parsed);
          if (err) {
            return originalEmit.call(cp, "error", err);
          }
        }
        return originalEmit.apply(cp, arguments);
      };
    }
    function verifyENOENT(status, parsed) {
      if (isWin && status === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawn");
      }
      return null;
    }
    function verifyENOENTSync(status, parsed) {
      if (isWin && status === 1 && !parsed.file) {
        return notFoundError(parsed.original, "spawnSync");
      }
      return null;
    }
    module.exports = {
      hookChildProcess,
      verifyENOENT,
      verifyENOENTSync,
      notFoundError
    };
  }
});

// node_modules/cross-spawn/index.js
var require_cross_spawn = __commonJS({
  "node_modules/cross-spawn/index.js"(exports, module) {
    "use strict";
    var cp = __require("child_process");
    var parse = require_parse();
    var enoent = require_enoent();
    function spawn3(command, args, options2) {
      const parsed = parse(command, args, options2);
      const spawned = cp.spawn(parsed.command, parsed.args, parsed.options);
      enoent.hookChildProcess(spawned, parsed);
      return spawned;
    }
    function spawnSync2(command, args, options2) {
      const parsed = parse(command, args, options2);
      const result = cp.spawnSync(parsed.command, parsed.args, parsed.options);
      result.error = result.error || enoent.verifyENOENTSync(result.status, parsed);
      return result;
    }
    module.exports = spawn3;
    module.exports.spawn = spawn3;
    module.exports.sync = spawnSync2;
    module.exports._parse = parse;
    module.exports._enoent = enoent;
  }
});

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self) {
      self.pending += 1;
      var called = false;
      return onCb;
      function onCb(err) {
        if (called) throw new Error("callback called twice");
        called = true;
        self.error = self.error || err;
        self.pending -= 1;
        if (self.waiting.length > 0 && self.pending < self.max) {
          pendGo(self, self.waiting.shift());
        } else if (self.pending === 0) {
          var listeners = self.listeners;
          self.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self.error);
      }
    }
    function pendGo(self, fn) {
      fn(pendHold(self));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable6 = stream.Readable;
    var PassThrough2 = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter2 = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter2);
    function FdSlicer(fd) {
      EventEmitter2.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      var self = this;
      self.pend.go(function(cb) {
        fs.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer2) {
          cb();
          callback(err, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount < 0) throw new Error("invalid unref");
      if (self.refCount > 0) return;
      fs.close(self.fd, onCloseDone);
      function onCloseDone(err) {
        if (err) {
          self.emit("error", err);
        } else {
          self.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable6);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable6.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n2) {
      var self = this;
      var toRead = Math.min(self._readableState.highWaterMark, n2);
      if (self.endOffset != null) {
        toRead = Math.min(toRead, self.endOffset - self.pos);
      }
      if (toRead <= 0) {
        self.push(null);
        this._cleanup();
        return;
      }
      self.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
          if (err) {
            self.destroy(err);
          } else if (bytesRead === 0) {
            self.push(null);
            self._cleanup();
          } else {
            self.pos += bytesRead;
            self.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err, cb) {
      this._cleanup();
      cb(err);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter2);
    function BufferSlicer(buffer) {
      EventEmitter2.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position < 0) throw new RangeError("position is negative: " + position);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position + length > this.buffer.length) {
        length = this.buffer.length - position;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position, position + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough2(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc323(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc323;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs = __require("fs");
    var zlib2 = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter2 = __require("events").EventEmitter;
    var Transform2 = __require("stream").Transform;
    var PassThrough2 = __require("stream").PassThrough;
    var Writable5 = __require("stream").Writable;
    var crc323 = typeof zlib2.crc32 === "function" ? zlib2.crc32 : require_crc32();
    exports.open = open5;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise(path6, options2) {
      return new Promise((resolve19, reject) => {
        open5(path6, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve19(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve19, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve19(zipfile);
        });
      });
    }
    function fromBufferPromise(buffer, options2) {
      return new Promise((resolve19, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve19(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve19, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve19(zipfile);
        });
      });
    }
    function open5(path6, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.open(path6, "r", function(err, fd) {
        if (err) return callback(err);
        fromFd(fd, options2, function(err2, zipfile) {
          if (err2) fs.close(fd, defaultCallback);
          callback(err2, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.fstat(fd, function(err, stats) {
        if (err) return callback(err);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
        if (err) return callback(err);
        for (var i2 = bufferSize - eocdrWithoutCommentSize; i2 >= 0; i2 -= 1) {
          if (buffer.readUInt32LE(i2) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i2);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK☺☻` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i2 - zip64EocdlSize >= 0 && buffer.readUInt32LE(i2 - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i2 - zip64EocdlSize, i2 - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err2) {
              if (err2) return callback(err2);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter2);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self = this;
      EventEmitter2.call(self);
      self.reader = reader;
      self.reader.on("error", function(err) {
        emitError(self, err);
      });
      self.reader.once("close", function() {
        self.emit("close");
      });
      self.readEntryCursor = centralDirectoryOffset;
      self.fileSize = fileSize;
      self.entryCount = entryCount;
      self.comment = comment;
      self.entriesRead = 0;
      self.autoClose = !!autoClose;
      self.lazyEntries = !!lazyEntries;
      self.decodeStrings = !!decodeStrings;
      self.validateEntrySizes = !!validateEntrySizes;
      self.strictFileNames = !!strictFileNames;
      self.isOpen = true;
      self.emittedError = false;
      self.hasEachEntryBeenCalled = false;
      if (!self.lazyEntries) self._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self, err) {
      if (self.autoClose) self.close();
      emitError(self, err);
    }
    function emitError(self, err) {
      if (self.emittedError) return;
      self.emittedError = true;
      self.emit("error", err);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self = this;
      if (self.entryCount === self.entriesRead) {
        setImmediate(function() {
          if (self.autoClose) self.close();
          if (self.emittedError) return;
          self.emit("end");
        });
        return;
      }
      if (self.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
        if (err) return emitErrorAndAutoClose(self, err);
        if (self.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));
        self.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err2) {
          if (err2) return emitErrorAndAutoClose(self, err2);
          if (self.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err3) {
            return emitErrorAndAutoClose(self, err3);
          }
          if (self.decodeStrings) {
            var isUtf8 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf8);
            entry.fileName = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
            var errorMessage = validateFileName(entry.fileName);
            if (errorMessage != null) return emitErrorAndAutoClose(self, new Error(errorMessage));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self.readEntryCursor += buffer.length;
          self.entriesRead += 1;
          for (var i2 = 0; i2 < entry.extraFields.length; i2++) {
            var extraField = entry.extraFields[i2];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self, new Error(msg));
            }
          }
          self.emit("entry", entry);
          if (!self.lazyEntries) self._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self = this;
      if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self.on("entry", onEntry);
      self.on("end", onEnd);
      self.on("error", onError);
      function cleanup() {
        self.removeListener("entry", onEntry);
        self.removeListener("end", onEnd);
        self.removeListener("error", onError);
        if (self.autoClose) self.close();
      }
      function onEntry(entry) {
        let { resolve: resolve19 } = pendingResolveReject;
        pendingResolveReject = null;
        resolve19({ value: entry });
      }
      function onEnd() {
        let { resolve: resolve19 } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve19({ done: true });
      }
      function onError(err) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve19, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve: resolve19, reject };
          });
          self.readEntry();
          return promise;
        },
        return(value2) {
          cleanup();
          return Promise.resolve({ done: true, value: value2 });
        },
        throw(value2) {
          cleanup();
          return Promise.reject(value2);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self.readLocalFileHeader(entry, { minimal: true }, function(err, localFileHeader) {
        if (err) return callback(err);
        self.openReadStreamLowLevel(
          localFileHeader.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib2.createInflateRaw();
        readStream.on("error", function(err) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err);
          });
        });
        readStream.pipe(inflateFilter);
        if (self.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
        try {
          if (err) return callback(err);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader = new LocalFileHeader();
          localFileHeader.fileDataStart = fileDataStart;
          localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader.crc32 = buffer.readUInt32LE(14);
          localFileHeader.compressedSize = buffer.readUInt32LE(18);
          localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader.fileNameLength = fileNameLength;
          localFileHeader.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self.reader.ref();
          readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err2) {
            try {
              if (err2) return callback(err2);
              localFileHeader.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader);
            } finally {
              self.reader.unref();
            }
          });
        } finally {
          self.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve19, reject) => {
        this.openReadStream(entry, options2, function(err, readStream) {
          if (err) return reject(err);
          resolve19(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve19, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
          if (err) return reject(err);
          resolve19(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve19, reject) => {
        this.readLocalFileHeader(entry, options2, function(err, localFileHeader) {
          if (err) return reject(err);
          resolve19(localFileHeader);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i2 = 0; i2 < this.extraFields.length; i2++) {
          var extraField = this.extraFields[i2];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags = data[0];
            var HAS_MTIME = 1;
            if (!(flags & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date, time, timezone) {
      var day = date & 31;
      var month = (date >> 5 & 15) - 1;
      var year = (date >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time & 31) * 2;
      var minute = time >> 5 & 63;
      var hour = time >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i2 = 0; i2 < extraFields.length; i2++) {
        var extraField = extraFields[i2];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc323(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf8 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf8);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i2 = 0;
      while (i2 < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i2 + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i2 + 2);
        var dataStart = i2 + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i2 = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position, function(err, bytesRead) {
        if (err) return callback(err);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform2);
    function AssertByteCountStream(byteCount) {
      Transform2.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter2);
    function RandomAccessReader() {
      EventEmitter2.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount > 0) return;
      if (self.refCount < 0) throw new Error("invalid unref");
      self.close(onCloseDone);
      function onCloseDone(err) {
        if (err) return self.emit("error", err);
        self.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough2();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
      var readStream = this.createReadStream({ start: position, end: position + length });
      var writeStream = new Writable5();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error2) {
        callback(error2);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough2);
    function RefUnrefFilter(context) {
      PassThrough2.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~⌂ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■ ";
    function decodeBuffer(buffer, isUtf8) {
      if (isUtf8) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i2 = 0; i2 < buffer.length; i2++) {
          result += cp437[buffer[i2]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err, cb) {
          fn();
          if (cb != null) cb(err);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err) {
      if (err) throw err;
    }
  }
});

// src/cli/cli.ts
import { readFileSync as readFileSync5 } from "node:fs";

// src/shared/errors.ts
var EXIT_OK = 0;
var EXIT_FINDINGS = 1;
var EXIT_USAGE = 2;
var EXIT_ENVIRONMENT = 3;
var PyhermeticError = class extends Error {
  exitCode;
  hint;
  constructor(message, exitCode, hint2) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = hint2;
  }
};
var UsageError = class extends PyhermeticError {
  constructor(message, hint2) {
    super(message, EXIT_USAGE, hint2);
  }
};
var EnvironmentError = class extends PyhermeticError {
  constructor(message, hint2) {
    super(message, EXIT_ENVIRONMENT, hint2);
  }
};
var FindingsError = class extends PyhermeticError {
  findings;
  constructor(message, findings, hint2) {
    super(message, EXIT_FINDINGS, hint2);
    this.findings = findings;
  }
};
function exitCodeOf(err) {
  if (err instanceof PyhermeticError) return err.exitCode;
  return EXIT_ENVIRONMENT;
}

// src/core/interpreter/fingerprint.ts
import { realpath, stat } from "node:fs/promises";

// node_modules/is-plain-obj/index.js
function isPlainObject(value2) {
  if (typeof value2 !== "object" || value2 === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value2);
  return (prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null) && !(Symbol.toStringTag in value2) && !(Symbol.iterator in value2);
}

// node_modules/execa/lib/arguments/file-url.js
import { fileURLToPath } from "node:url";
var safeNormalizeFileUrl = (file, name) => {
  const fileString = normalizeFileUrl(normalizeDenoExecPath(file));
  if (typeof fileString !== "string") {
    throw new TypeError(`${name} must be a string or a file URL: ${fileString}.`);
  }
  return fileString;
};
var normalizeDenoExecPath = (file) => isDenoExecPath(file) ? file.toString() : file;
var isDenoExecPath = (file) => typeof file !== "string" && file && Object.getPrototypeOf(file) === String.prototype;
var normalizeFileUrl = (file) => file instanceof URL ? fileURLToPath(file) : file;

// node_modules/execa/lib/methods/parameters.js
var normalizeParameters = (rawFile, rawArguments = [], rawOptions = {}) => {
  const filePath = safeNormalizeFileUrl(rawFile, "First argument");
  const [commandArguments, options2] = isPlainObject(rawArguments) ? [[], rawArguments] : [rawArguments, rawOptions];
  if (!Array.isArray(commandArguments)) {
    throw new TypeError(`Second argument must be either an array of arguments or an options object: ${commandArguments}`);
  }
  if (commandArguments.some((commandArgument) => typeof commandArgument === "object" && commandArgument !== null)) {
    throw new TypeError(`Second argument must be an array of strings: ${commandArguments}`);
  }
  const normalizedArguments = commandArguments.map(String);
  const nullByteArgument = normalizedArguments.find((normalizedArgument) => normalizedArgument.includes("\0"));
  if (nullByteArgument !== void 0) {
    throw new TypeError(`Arguments cannot contain null bytes ("\\0"): ${nullByteArgument}`);
  }
  if (!isPlainObject(options2)) {
    throw new TypeError(`Last argument must be an options object: ${options2}`);
  }
  return [filePath, normalizedArguments, options2];
};

// node_modules/execa/lib/methods/template.js
import { ChildProcess } from "node:child_process";

// node_modules/execa/lib/utils/uint-array.js
import { StringDecoder } from "node:string_decoder";
var { toString: objectToString } = Object.prototype;
var isArrayBuffer = (value2) => objectToString.call(value2) === "[object ArrayBuffer]";
var isUint8Array = (value2) => objectToString.call(value2) === "[object Uint8Array]";
var bufferToUint8Array = (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
var textEncoder = new TextEncoder();
var stringToUint8Array = (string) => textEncoder.encode(string);
var textDecoder = new TextDecoder();
var uint8ArrayToString = (uint8Array) => textDecoder.decode(uint8Array);
var joinToString = (uint8ArraysOrStrings, encoding) => {
  const strings = uint8ArraysToStrings(uint8ArraysOrStrings, encoding);
  return strings.join("");
};
var uint8ArraysToStrings = (uint8ArraysOrStrings, encoding) => {
  if (encoding === "utf8" && uint8ArraysOrStrings.every((uint8ArrayOrString) => typeof uint8ArrayOrString === "string")) {
    return uint8ArraysOrStrings;
  }
  const decoder = new StringDecoder(encoding);
  const strings = uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString).map((uint8Array) => decoder.write(uint8Array));
  const finalString = decoder.end();
  return finalString === "" ? strings : [...strings, finalString];
};
var joinToUint8Array = (uint8ArraysOrStrings) => {
  if (uint8ArraysOrStrings.length === 1 && isUint8Array(uint8ArraysOrStrings[0])) {
    return uint8ArraysOrStrings[0];
  }
  return concatUint8Arrays(stringsToUint8Arrays(uint8ArraysOrStrings));
};
var stringsToUint8Arrays = (uint8ArraysOrStrings) => uint8ArraysOrStrings.map((uint8ArrayOrString) => typeof uint8ArrayOrString === "string" ? stringToUint8Array(uint8ArrayOrString) : uint8ArrayOrString);
var concatUint8Arrays = (uint8Arrays) => {
  const result = new Uint8Array(getJoinLength(uint8Arrays));
  let index = 0;
  for (const uint8Array of uint8Arrays) {
    result.set(uint8Array, index);
    index += uint8Array.length;
  }
  return result;
};
var getJoinLength = (uint8Arrays) => {
  let joinLength = 0;
  for (const uint8Array of uint8Arrays) {
    joinLength += uint8Array.length;
  }
  return joinLength;
};

// node_modules/execa/lib/methods/template.js
var isTemplateString = (templates) => Array.isArray(templates) && Array.isArray(templates.raw);
var parseTemplates = (templates, expressions) => {
  let tokens = [];
  for (const [index, template] of templates.entries()) {
    tokens = parseTemplate({
      templates,
      expressions,
      tokens,
      index,
      template
    });
  }
  if (tokens.length === 0) {
    throw new TypeError("Template script must not be empty");
  }
  const [file, ...commandArguments] = tokens;
  return [file, commandArguments, {}];
};
var parseTemplate = ({ templates, expressions, tokens, index, template }) => {
  if (template === void 0) {
    throw new TypeError(`Invalid backslash sequence: ${templates.raw[index]}`);
  }
  const { nextTokens, leadingWhitespaces, trailingWhitespaces } = splitByWhitespaces(template, templates.raw[index]);
  const newTokens = concatTokens(tokens, nextTokens, leadingWhitespaces);
  if (index === expressions.length) {
    return newTokens;
  }
  const expression = expressions[index];
  const expressionTokens = Array.isArray(expression) ? expression.map((expression2) => parseExpression(expression2)) : [parseExpression(expression)];
  return concatTokens(newTokens, expressionTokens, trailingWhitespaces);
};
var splitByWhitespaces = (template, rawTemplate) => {
  if (rawTemplate.length === 0) {
    return { nextTokens: [], leadingWhitespaces: false, trailingWhitespaces: false };
  }
  const nextTokens = [];
  let templateStart = 0;
  const leadingWhitespaces = DELIMITERS.has(rawTemplate[0]);
  for (let templateIndex = 0, rawIndex = 0; templateIndex < template.length; templateIndex += 1, rawIndex += 1) {
    const rawCharacter = rawTemplate[rawIndex];
    if (DELIMITERS.has(rawCharacter)) {
      if (templateStart !== templateIndex) {
        nextTokens.push(template.slice(templateStart, templateIndex));
      }
      templateStart = templateIndex + 1;
    } else if (rawCharacter === "\\") {
      const nextRawCharacter = rawTemplate[rawIndex + 1];
      if (nextRawCharacter === "\n") {
        templateIndex -= 1;
        rawIndex += 1;
      } else if (nextRawCharacter === "u" && rawTemplate[rawIndex + 2] === "{") {
        rawIndex = rawTemplate.indexOf("}", rawIndex + 3);
      } else {
        rawIndex += ESCAPE_LENGTH[nextRawCharacter] ?? 1;
      }
    }
  }
  const trailingWhitespaces = templateStart === template.length;
  if (!trailingWhitespaces) {
    nextTokens.push(template.slice(templateStart));
  }
  return { nextTokens, leadingWhitespaces, trailingWhitespaces };
};
var DELIMITERS = /* @__PURE__ */ new Set([" ", "	", "\r", "\n"]);
var ESCAPE_LENGTH = { x: 3, u: 5 };
var concatTokens = (tokens, nextTokens, isSeparated) => isSeparated || tokens.length === 0 || nextTokens.length === 0 ? [...tokens, ...nextTokens] : [
  ...tokens.slice(0, -1),
  `${tokens.at(-1)}${nextTokens[0]}`,
  ...nextTokens.slice(1)
];
var parseExpression = (expression) => {
  const typeOfExpression = typeof expression;
  if (typeOfExpression === "string") {
    return expression;
  }
  if (typeOfExpression === "number") {
    return String(expression);
  }
  if (isPlainObject(expression) && ("stdout" in expression || "isMaxBuffer" in expression)) {
    return getSubprocessResult(expression);
  }
  if (expression instanceof ChildProcess || Object.prototype.toString.call(expression) === "[object Promise]") {
    throw new TypeError("Unexpected subprocess in template expression. Please use ${await subprocess} instead of ${subprocess}.");
  }
  throw new TypeError(`Unexpected "${typeOfExpression}" in template expression`);
};
var getSubprocessResult = ({ stdout }) => {
  if (typeof stdout === "string") {
    return stdout;
  }
  if (isUint8Array(stdout)) {
    return uint8ArrayToString(stdout);
  }
  if (stdout === void 0) {
    throw new TypeError(`Missing result.stdout in template expression. This is probably due to the previous subprocess' "stdout" option.`);
  }
  throw new TypeError(`Unexpected "${typeof stdout}" stdout in template expression`);
};

// node_modules/execa/lib/methods/main-sync.js
import { spawnSync } from "node:child_process";

// node_modules/execa/lib/arguments/specific.js
import { debuglog } from "node:util";

// node_modules/execa/lib/utils/standard-stream.js
import process2 from "node:process";
var isStandardStream = (stream) => STANDARD_STREAMS.includes(stream);
var STANDARD_STREAMS = [process2.stdin, process2.stdout, process2.stderr];
var STANDARD_STREAMS_ALIASES = ["stdin", "stdout", "stderr"];
var getStreamName = (fdNumber) => STANDARD_STREAMS_ALIASES[fdNumber] ?? `stdio[${fdNumber}]`;

// node_modules/execa/lib/arguments/specific.js
var normalizeFdSpecificOptions = (options2) => {
  const optionsCopy = { ...options2 };
  for (const optionName of FD_SPECIFIC_OPTIONS) {
    optionsCopy[optionName] = normalizeFdSpecificOption(options2, optionName);
  }
  return optionsCopy;
};
var normalizeFdSpecificOption = (options2, optionName) => {
  const optionBaseArray = Array.from({ length: getStdioLength(options2) + 1 });
  const optionArray = normalizeFdSpecificValue(options2[optionName], optionBaseArray, optionName);
  return addDefaultValue(optionArray, optionName);
};
var getStdioLength = ({ stdio }) => Array.isArray(stdio) ? Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length) : STANDARD_STREAMS_ALIASES.length;
var normalizeFdSpecificValue = (optionValue, optionArray, optionName) => isPlainObject(optionValue) ? normalizeOptionObject(optionValue, optionArray, optionName) : optionArray.fill(optionValue);
var normalizeOptionObject = (optionValue, optionArray, optionName) => {
  for (const fdName of Object.keys(optionValue).sort(compareFdName)) {
    for (const fdNumber of parseFdName(fdName, optionName, optionArray)) {
      optionArray[fdNumber] = optionValue[fdName];
    }
  }
  return optionArray;
};
var compareFdName = (fdNameA, fdNameB) => getFdNameOrder(fdNameA) < getFdNameOrder(fdNameB) ? 1 : -1;
var getFdNameOrder = (fdName) => {
  if (fdName === "stdout" || fdName === "stderr") {
    return 0;
  }
  return fdName === "all" ? 2 : 1;
};
var parseFdName = (fdName, optionName, optionArray) => {
  if (fdName === "ipc") {
    return [optionArray.length - 1];
  }
  const fdNumber = parseFd(fdName);
  if (fdNumber === void 0 || fdNumber === 0) {
    throw new TypeError(`"${optionName}.${fdName}" is invalid.
It must be "${optionName}.stdout", "${optionName}.stderr", "${optionName}.all", "${optionName}.ipc", or "${optionName}.fd3", "${optionName}.fd4" (and so on).`);
  }
  if (fdNumber >= optionArray.length) {
    throw new TypeError(`"${optionName}.${fdName}" is invalid: that file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
  }
  return fdNumber === "all" ? [1, 2] : [fdNumber];
};
var parseFd = (fdName) => {
  if (fdName === "all") {
    return fdName;
  }
  if (STANDARD_STREAMS_ALIASES.includes(fdName)) {
    return STANDARD_STREAMS_ALIASES.indexOf(fdName);
  }
  const regexpResult = FD_REGEXP.exec(fdName);
  if (regexpResult !== null) {
    return Number(regexpResult[1]);
  }
};
var FD_REGEXP = /^fd(\d+)$/;
var addDefaultValue = (optionArray, optionName) => optionArray.map((optionValue) => optionValue === void 0 ? DEFAULT_OPTIONS[optionName] : optionValue);
var verboseDefault = debuglog("execa").enabled ? "full" : "none";
var DEFAULT_OPTIONS = {
  lines: false,
  buffer: true,
  maxBuffer: 1e3 * 1e3 * 100,
  verbose: verboseDefault,
  stripFinalNewline: true
};
var FD_SPECIFIC_OPTIONS = ["lines", "buffer", "maxBuffer", "verbose", "stripFinalNewline"];
var getFdSpecificValue = (optionArray, fdNumber) => fdNumber === "ipc" ? optionArray.at(-1) : optionArray[fdNumber];

// node_modules/execa/lib/verbose/values.js
var isVerbose = ({ verbose }, fdNumber) => getFdVerbose(verbose, fdNumber) !== "none";
var isFullVerbose = ({ verbose }, fdNumber) => !["none", "short"].includes(getFdVerbose(verbose, fdNumber));
var getVerboseFunction = ({ verbose }, fdNumber) => {
  const fdVerbose = getFdVerbose(verbose, fdNumber);
  return isVerboseFunction(fdVerbose) ? fdVerbose : void 0;
};
var getFdVerbose = (verbose, fdNumber) => fdNumber === void 0 ? getFdGenericVerbose(verbose) : getFdSpecificValue(verbose, fdNumber);
var getFdGenericVerbose = (verbose) => verbose.find((fdVerbose) => isVerboseFunction(fdVerbose)) ?? VERBOSE_VALUES.findLast((fdVerbose) => verbose.includes(fdVerbose));
var isVerboseFunction = (fdVerbose) => typeof fdVerbose === "function";
var VERBOSE_VALUES = ["none", "short", "full"];

// node_modules/execa/lib/verbose/log.js
import { inspect } from "node:util";

// node_modules/execa/lib/arguments/escape.js
import { platform } from "node:process";
import { stripVTControlCharacters } from "node:util";
var joinCommand = (filePath, rawArguments) => {
  const fileAndArguments = [filePath, ...rawArguments];
  const command = fileAndArguments.join(" ");
  const escapedCommand = fileAndArguments.map((fileAndArgument) => quoteString(escapeControlCharacters(fileAndArgument))).join(" ");
  return { command, escapedCommand };
};
var escapeLines = (lines) => stripVTControlCharacters(lines).split("\n").map((line) => escapeControlCharacters(line)).join("\n");
var escapeControlCharacters = (line) => line.replaceAll(SPECIAL_CHAR_REGEXP, (character) => escapeControlCharacter(character));
var escapeControlCharacter = (character) => {
  const commonEscape = COMMON_ESCAPES[character];
  if (commonEscape !== void 0) {
    return commonEscape;
  }
  const codepoint = character.codePointAt(0);
  const codepointHex = codepoint.toString(16);
  return codepoint <= ASTRAL_START ? `\\u${codepointHex.padStart(4, "0")}` : `\\U${codepointHex}`;
};
var getSpecialCharRegExp = () => {
  try {
    return new RegExp("\\p{Separator}|\\p{Other}", "gu");
  } catch {
    return /[\s\u0000-\u001F\u007F-\u009F\u00AD]/g;
  }
};
var SPECIAL_CHAR_REGEXP = getSpecialCharRegExp();
var COMMON_ESCAPES = {
  " ": " ",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "	": "\\t"
};
var ASTRAL_START = 65535;
var quoteString = (escapedArgument) => {
  if (NO_ESCAPE_REGEXP.test(escapedArgument)) {
    return escapedArgument;
  }
  return platform === "win32" ? `"${escapedArgument.replaceAll('"', '""')}"` : `'${escapedArgument.replaceAll("'", "'\\''")}'`;
};
var NO_ESCAPE_REGEXP = /^[\w./-]+$/;

// node_modules/is-unicode-supported/index.js
import process3 from "node:process";
function isUnicodeSupported() {
  const { env } = process3;
  const { TERM, TERM_PROGRAM } = env;
  if (process3.platform !== "win32") {
    return TERM !== "linux";
  }
  return Boolean(env.WT_SESSION) || Boolean(env.TERMINUS_SUBLIME) || env.ConEmuTask === "{cmd::Cmder}" || TERM_PROGRAM === "Terminus-Sublime" || TERM_PROGRAM === "vscode" || TERM === "xterm-256color" || TERM === "alacritty" || TERM === "rxvt-unicode" || TERM === "rxvt-unicode-256color" || env.TERMINAL_EMULATOR === "JetBrains-JediTerm";
}

// node_modules/figures/index.js
var common = {
  circleQuestionMark: "(?)",
  questionMarkPrefix: "(?)",
  square: "█",
  squareDarkShade: "▓",
  squareMediumShade: "▒",
  squareLightShade: "░",
  squareTop: "▀",
  squareBottom: "▄",
  squareLeft: "▌",
  squareRight: "▐",
  squareCenter: "■",
  bullet: "●",
  dot: "․",
  ellipsis: "…",
  pointerSmall: "›",
  triangleUp: "▲",
  triangleUpSmall: "▴",
  triangleDown: "▼",
  triangleDownSmall: "▾",
  triangleLeftSmall: "◂",
  triangleRightSmall: "▸",
  home: "⌂",
  heart: "♥",
  musicNote: "♪",
  musicNoteBeamed: "♫",
  arrowUp: "↑",
  arrowDown: "↓",
  arrowLeft: "←",
  arrowRight: "→",
  arrowLeftRight: "↔",
  arrowUpDown: "↕",
  almostEqual: "≈",
  notEqual: "≠",
  lessOrEqual: "≤",
  greaterOrEqual: "≥",
  identical: "≡",
  infinity: "∞",
  subscriptZero: "₀",
  subscriptOne: "₁",
  subscriptTwo: "₂",
  subscriptThree: "₃",
  subscriptFour: "₄",
  subscriptFive: "₅",
  subscriptSix: "₆",
  subscriptSeven: "₇",
  subscriptEight: "₈",
  subscriptNine: "₉",
  oneHalf: "½",
  oneThird: "⅓",
  oneQuarter: "¼",
  oneFifth: "⅕",
  oneSixth: "⅙",
  oneEighth: "⅛",
  twoThirds: "⅔",
  twoFifths: "⅖",
  threeQuarters: "¾",
  threeFifths: "⅗",
  threeEighths: "⅜",
  fourFifths: "⅘",
  fiveSixths: "⅚",
  fiveEighths: "⅝",
  sevenEighths: "⅞",
  line: "─",
  lineBold: "━",
  lineDouble: "═",
  lineDashed0: "┄",
  lineDashed1: "┅",
  lineDashed2: "┈",
  lineDashed3: "┉",
  lineDashed4: "╌",
  lineDashed5: "╍",
  lineDashed6: "╴",
  lineDashed7: "╶",
  lineDashed8: "╸",
  lineDashed9: "╺",
  lineDashed10: "╼",
  lineDashed11: "╾",
  lineDashed12: "−",
  lineDashed13: "–",
  lineDashed14: "‐",
  lineDashed15: "⁃",
  lineVertical: "│",
  lineVerticalBold: "┃",
  lineVerticalDouble: "║",
  lineVerticalDashed0: "┆",
  lineVerticalDashed1: "┇",
  lineVerticalDashed2: "┊",
  lineVerticalDashed3: "┋",
  lineVerticalDashed4: "╎",
  lineVerticalDashed5: "╏",
  lineVerticalDashed6: "╵",
  lineVerticalDashed7: "╷",
  lineVerticalDashed8: "╹",
  lineVerticalDashed9: "╻",
  lineVerticalDashed10: "╽",
  lineVerticalDashed11: "╿",
  lineDownLeft: "┐",
  lineDownLeftArc: "╮",
  lineDownBoldLeftBold: "┓",
  lineDownBoldLeft: "┒",
  lineDownLeftBold: "┑",
  lineDownDoubleLeftDouble: "╗",
  lineDownDoubleLeft: "╖",
  lineDownLeftDouble: "╕",
  lineDownRight: "┌",
  lineDownRightArc: "╭",
  lineDownBoldRightBold: "┏",
  lineDownBoldRight: "┎",
  lineDownRightBold: "┍",
  lineDownDoubleRightDouble: "╔",
  lineDownDoubleRight: "╓",
  lineDownRightDouble: "╒",
  lineUpLeft: "┘",
  lineUpLeftArc: "╯",
  lineUpBoldLeftBold: "┛",
  lineUpBoldLeft: "┚",
  lineUpLeftBold: "┙",
  lineUpDoubleLeftDouble: "╝",
  lineUpDoubleLeft: "╜",
  lineUpLeftDouble: "╛",
  lineUpRight: "└",
  lineUpRightArc: "╰",
  lineUpBoldRightBold: "┗",
  lineUpBoldRight: "┖",
  lineUpRightBold: "┕",
  lineUpDoubleRightDouble: "╚",
  lineUpDoubleRight: "╙",
  lineUpRightDouble: "╘",
  lineUpDownLeft: "┤",
  lineUpBoldDownBoldLeftBold: "┫",
  lineUpBoldDownBoldLeft: "┨",
  lineUpDownLeftBold: "┥",
  lineUpBoldDownLeftBold: "┩",
  lineUpDownBoldLeftBold: "┪",
  lineUpDownBoldLeft: "┧",
  lineUpBoldDownLeft: "┦",
  lineUpDoubleDownDoubleLeftDouble: "╣",
  lineUpDoubleDownDoubleLeft: "╢",
  lineUpDownLeftDouble: "╡",
  lineUpDownRight: "├",
  lineUpBoldDownBoldRightBold: "┣",
  lineUpBoldDownBoldRight: "┠",
  lineUpDownRightBold: "┝",
  lineUpBoldDownRightBold: "┡",
  lineUpDownBoldRightBold: "┢",
  lineUpDownBoldRight: "┟",
  lineUpBoldDownRight: "┞",
  lineUpDoubleDownDoubleRightDouble: "╠",
  lineUpDoubleDownDoubleRight: "╟",
  lineUpDownRightDouble: "╞",
  lineDownLeftRight: "┬",
  lineDownBoldLeftBoldRightBold: "┳",
  lineDownLeftBoldRightBold: "┯",
  lineDownBoldLeftRight: "┰",
  lineDownBoldLeftBoldRight: "┱",
  lineDownBoldLeftRightBold: "┲",
  lineDownLeftRightBold: "┮",
  lineDownLeftBoldRight: "┭",
  lineDownDoubleLeftDoubleRightDouble: "╦",
  lineDownDoubleLeftRight: "╥",
  lineDownLeftDoubleRightDouble: "╤",
  lineUpLeftRight: "┴",
  lineUpBoldLeftBoldRightBold: "┻",
  lineUpLeftBoldRightBold: "┷",
  lineUpBoldLeftRight: "┸",
  lineUpBoldLeftBoldRight: "┹",
  lineUpBoldLeftRightBold: "┺",
  lineUpLeftRightBold: "┶",
  lineUpLeftBoldRight: "┵",
  lineUpDoubleLeftDoubleRightDouble: "╩",
  lineUpDoubleLeftRight: "╨",
  lineUpLeftDoubleRightDouble: "╧",
  lineUpDownLeftRight: "┼",
  lineUpBoldDownBoldLeftBoldRightBold: "╋",
  lineUpDownBoldLeftBoldRightBold: "╈",
  lineUpBoldDownLeftBoldRightBold: "╇",
  lineUpBoldDownBoldLeftRightBold: "╊",
  lineUpBoldDownBoldLeftBoldRight: "╉",
  lineUpBoldDownLeftRight: "╀",
  lineUpDownBoldLeftRight: "╁",
  lineUpDownLeftBoldRight: "┽",
  lineUpDownLeftRightBold: "┾",
  lineUpBoldDownBoldLeftRight: "╂",
  lineUpDownLeftBoldRightBold: "┿",
  lineUpBoldDownLeftBoldRight: "╃",
  lineUpBoldDownLeftRightBold: "╄",
  lineUpDownBoldLeftBoldRight: "╅",
  lineUpDownBoldLeftRightBold: "╆",
  lineUpDoubleDownDoubleLeftDoubleRightDouble: "╬",
  lineUpDoubleDownDoubleLeftRight: "╫",
  lineUpDownLeftDoubleRightDouble: "╪",
  lineCross: "╳",
  lineBackslash: "╲",
  lineSlash: "╱"
};
var specialMainSymbols = {
  tick: "✔",
  info: "ℹ",
  warning: "⚠",
  cross: "✘",
  squareSmall: "◻",
  squareSmallFilled: "◼",
  circle: "◯",
  circleFilled: "◉",
  circleDotted: "◌",
  circleDouble: "◎",
  circleCircle: "ⓞ",
  circleCross: "ⓧ",
  circlePipe: "Ⓘ",
  radioOn: "◉",
  radioOff: "◯",
  checkboxOn: "☒",
  checkboxOff: "☐",
  checkboxCircleOn: "ⓧ",
  checkboxCircleOff: "Ⓘ",
  pointer: "❯",
  triangleUpOutline: "△",
  triangleLeft: "◀",
  triangleRight: "▶",
  lozenge: "◆",
  lozengeOutline: "◇",
  hamburger: "☰",
  smiley: "㋡",
  mustache: "෴",
  star: "★",
  play: "▶",
  nodejs: "⬢",
  oneSeventh: "⅐",
  oneNinth: "⅑",
  oneTenth: "⅒"
};
var specialFallbackSymbols = {
  tick: "√",
  info: "i",
  warning: "‼",
  cross: "×",
  squareSmall: "□",
  squareSmallFilled: "■",
  circle: "( )",
  circleFilled: "(*)",
  circleDotted: "( )",
  circleDouble: "( )",
  circleCircle: "(○)",
  circleCross: "(×)",
  circlePipe: "(│)",
  radioOn: "(*)",
  radioOff: "( )",
  checkboxOn: "[×]",
  checkboxOff: "[ ]",
  checkboxCircleOn: "(×)",
  checkboxCircleOff: "( )",
  pointer: ">",
  triangleUpOutline: "∆",
  triangleLeft: "◄",
  triangleRight: "►",
  lozenge: "♦",
  lozengeOutline: "◊",
  hamburger: "≡",
  smiley: "☺",
  mustache: "┌─┐",
  star: "✶",
  play: "►",
  nodejs: "♦",
  oneSeventh: "1/7",
  oneNinth: "1/9",
  oneTenth: "1/10"
};
var mainSymbols = { ...common, ...specialMainSymbols };
var fallbackSymbols = { ...common, ...specialFallbackSymbols };
var shouldUseMain = isUnicodeSupported();
var figures = shouldUseMain ? mainSymbols : fallbackSymbols;
var figures_default = figures;
var replacements = Object.entries(specialMainSymbols);

// node_modules/yoctocolors/base.js
import tty from "node:tty";
var hasColors = tty?.WriteStream?.prototype?.hasColors?.() ?? false;
var format = (open5, close) => {
  if (!hasColors) {
    return (input) => input;
  }
  const openCode = `\x1B[${open5}m`;
  const closeCode = `\x1B[${close}m`;
  return (input) => {
    const string = input + "";
    let index = string.indexOf(closeCode);
    if (index === -1) {
      return openCode + string + closeCode;
    }
    let result = openCode;
    let lastIndex = 0;
    const reopenOnNestedClose = close === 22;
    const replaceCode = (reopenOnNestedClose ? closeCode : "") + openCode;
    while (index !== -1) {
      result += string.slice(lastIndex, index) + replaceCode;
      lastIndex = index + closeCode.length;
      index = string.indexOf(closeCode, lastIndex);
    }
    result += string.slice(lastIndex) + closeCode;
    return result;
  };
};
var reset = format(0, 0);
var bold = format(1, 22);
var dim = format(2, 22);
var italic = format(3, 23);
var underline = format(4, 24);
var underlineDouble = format("4:2", 24);
var underlineCurly = format("4:3", 24);
var underlineDotted = format("4:4", 24);
var underlineDashed = format("4:5", 24);
var overline = format(53, 55);
var inverse = format(7, 27);
var hidden = format(8, 28);
var strikethrough = format(9, 29);
var black = format(30, 39);
var red = format(31, 39);
var green = format(32, 39);
var yellow = format(33, 39);
var blue = format(34, 39);
var magenta = format(35, 39);
var cyan = format(36, 39);
var white = format(37, 39);
var gray = format(90, 39);
var bgBlack = format(40, 49);
var bgRed = format(41, 49);
var bgGreen = format(42, 49);
var bgYellow = format(43, 49);
var bgBlue = format(44, 49);
var bgMagenta = format(45, 49);
var bgCyan = format(46, 49);
var bgWhite = format(47, 49);
var bgGray = format(100, 49);
var redBright = format(91, 39);
var greenBright = format(92, 39);
var yellowBright = format(93, 39);
var blueBright = format(94, 39);
var magentaBright = format(95, 39);
var cyanBright = format(96, 39);
var whiteBright = format(97, 39);
var bgRedBright = format(101, 49);
var bgGreenBright = format(102, 49);
var bgYellowBright = format(103, 49);
var bgBlueBright = format(104, 49);
var bgMagentaBright = format(105, 49);
var bgCyanBright = format(106, 49);
var bgWhiteBright = format(107, 49);
var underlineBlack = format("58;5;0", 59);
var underlineRed = format("58;5;1", 59);
var underlineGreen = format("58;5;2", 59);
var underlineYellow = format("58;5;3", 59);
var underlineBlue = format("58;5;4", 59);
var underlineMagenta = format("58;5;5", 59);
var underlineCyan = format("58;5;6", 59);
var underlineWhite = format("58;5;7", 59);
var underlineGray = format("58;5;8", 59);
var underlineRedBright = format("58;5;9", 59);
var underlineGreenBright = format("58;5;10", 59);
var underlineYellowBright = format("58;5;11", 59);
var underlineBlueBright = format("58;5;12", 59);
var underlineMagentaBright = format("58;5;13", 59);
var underlineCyanBright = format("58;5;14", 59);
var underlineWhiteBright = format("58;5;15", 59);

// node_modules/execa/lib/verbose/default.js
var defaultVerboseFunction = ({
  type,
  message,
  timestamp,
  piped,
  commandId,
  result: { failed = false } = {},
  options: { reject = true }
}) => {
  const timestampString = serializeTimestamp(timestamp);
  const icon = ICONS[type]({ failed, reject, piped });
  const color = COLORS[type]({ reject });
  return `${gray(`[${timestampString}]`)} ${gray(`[${commandId}]`)} ${color(icon)} ${color(message)}`;
};
var serializeTimestamp = (timestamp) => `${padField(timestamp.getHours(), 2)}:${padField(timestamp.getMinutes(), 2)}:${padField(timestamp.getSeconds(), 2)}.${padField(timestamp.getMilliseconds(), 3)}`;
var padField = (field, padding) => String(field).padStart(padding, "0");
var getFinalIcon = ({ failed, reject }) => {
  if (!failed) {
    return figures_default.tick;
  }
  return reject ? figures_default.cross : figures_default.warning;
};
var ICONS = {
  command: ({ piped }) => piped ? "|" : "$",
  output: () => " ",
  ipc: () => "*",
  error: getFinalIcon,
  duration: getFinalIcon
};
var identity = (string) => string;
var COLORS = {
  command: () => bold,
  output: () => identity,
  ipc: () => identity,
  error: ({ reject }) => reject ? redBright : yellowBright,
  duration: () => gray
};

// node_modules/execa/lib/verbose/custom.js
var applyVerboseOnLines = (printedLines, verboseInfo, fdNumber) => {
  const verboseFunction = getVerboseFunction(verboseInfo, fdNumber);
  return printedLines.map(({ verboseLine, verboseObject }) => applyVerboseFunction(verboseLine, verboseObject, verboseFunction)).filter((printedLine) => printedLine !== void 0).map((printedLine) => appendNewline(printedLine)).join("");
};
var applyVerboseFunction = (verboseLine, verboseObject, verboseFunction) => {
  if (verboseFunction === void 0) {
    return verboseLine;
  }
  const printedLine = verboseFunction(verboseLine, verboseObject);
  if (typeof printedLine === "string") {
    return printedLine;
  }
};
var appendNewline = (printedLine) => printedLine.endsWith("\n") ? printedLine : `${printedLine}
`;

// node_modules/execa/lib/verbose/log.js
var verboseLog = ({ type, verboseMessage, fdNumber, verboseInfo, result }) => {
  const verboseObject = getVerboseObject({ type, result, verboseInfo });
  const printedLines = getPrintedLines(verboseMessage, verboseObject);
  const finalLines = applyVerboseOnLines(printedLines, verboseInfo, fdNumber);
  if (finalLines !== "") {
    console.warn(finalLines.slice(0, -1));
  }
};
var getVerboseObject = ({
  type,
  result,
  verboseInfo: { escapedCommand, commandId, rawOptions: { piped = false, ...options2 } }
}) => ({
  type,
  escapedCommand,
  commandId: `${commandId}`,
  timestamp: /* @__PURE__ */ new Date(),
  piped,
  result,
  options: options2
});
var getPrintedLines = (verboseMessage, verboseObject) => verboseMessage.split("\n").map((message) => getPrintedLine({ ...verboseObject, message }));
var getPrintedLine = (verboseObject) => {
  const verboseLine = defaultVerboseFunction(verboseObject);
  return { verboseLine, verboseObject };
};
var serializeVerboseMessage = (message) => {
  const messageString = typeof message === "string" ? message : inspect(message);
  const escapedMessage = escapeLines(messageString);
  return escapedMessage.replaceAll("	", " ".repeat(TAB_SIZE));
};
var TAB_SIZE = 2;

// node_modules/execa/lib/verbose/start.js
var logCommand = (escapedCommand, verboseInfo) => {
  if (!isVerbose(verboseInfo)) {
    return;
  }
  verboseLog({
    type: "command",
    verboseMessage: escapedCommand,
    verboseInfo
  });
};

// node_modules/execa/lib/verbose/info.js
var getVerboseInfo = (verbose, escapedCommand, rawOptions) => {
  validateVerbose(verbose);
  const commandId = getCommandId(verbose);
  return {
    verbose,
    escapedCommand,
    commandId,
    rawOptions
  };
};
var getCommandId = (verbose) => isVerbose({ verbose }) ? COMMAND_ID++ : void 0;
var COMMAND_ID = 0n;
var validateVerbose = (verbose) => {
  for (const fdVerbose of verbose) {
    if (fdVerbose === false) {
      throw new TypeError(`The "verbose: false" option was renamed to "verbose: 'none'".`);
    }
    if (fdVerbose === true) {
      throw new TypeError(`The "verbose: true" option was renamed to "verbose: 'short'".`);
    }
    if (!VERBOSE_VALUES.includes(fdVerbose) && !isVerboseFunction(fdVerbose)) {
      const allowedValues = VERBOSE_VALUES.map((allowedValue) => `'${allowedValue}'`).join(", ");
      throw new TypeError(`The "verbose" option must not be ${fdVerbose}. Allowed values are: ${allowedValues} or a function.`);
    }
  }
};

// node_modules/execa/lib/return/duration.js
import { hrtime } from "node:process";
var getStartTime = () => hrtime.bigint();
var getDurationMs = (startTime) => Number(hrtime.bigint() - startTime) / 1e6;

// node_modules/execa/lib/arguments/command.js
var handleCommand = (filePath, rawArguments, rawOptions) => {
  const startTime = getStartTime();
  const { command, escapedCommand } = joinCommand(filePath, rawArguments);
  const verbose = normalizeFdSpecificOption(rawOptions, "verbose");
  const verboseInfo = getVerboseInfo(verbose, escapedCommand, { ...rawOptions });
  logCommand(escapedCommand, verboseInfo);
  return {
    command,
    escapedCommand,
    startTime,
    verboseInfo
  };
};

// node_modules/execa/lib/arguments/options.js
var import_cross_spawn = __toESM(require_cross_spawn(), 1);
import path5 from "node:path";
import process6 from "node:process";

// node_modules/npm-run-path/index.js
import process4 from "node:process";
import path2 from "node:path";

// node_modules/npm-run-path/node_modules/path-key/index.js
function pathKey(options2 = {}) {
  const {
    env = process.env,
    platform: platform2 = process.platform
  } = options2;
  if (platform2 !== "win32") {
    return "PATH";
  }
  return Object.keys(env).reverse().find((key2) => key2.toUpperCase() === "PATH") || "Path";
}

// node_modules/unicorn-magic/node.js
import { promisify } from "node:util";
import { execFile as execFileCallback, execFileSync as execFileSyncOriginal } from "node:child_process";
import path from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
var execFileOriginal = promisify(execFileCallback);
function toPath(urlOrPath) {
  return urlOrPath instanceof URL ? fileURLToPath2(urlOrPath) : urlOrPath;
}
function traversePathUp(startPath) {
  return {
    *[Symbol.iterator]() {
      let currentPath = path.resolve(toPath(startPath));
      let previousPath;
      while (previousPath !== currentPath) {
        yield currentPath;
        previousPath = currentPath;
        currentPath = path.resolve(currentPath, "..");
      }
    }
  };
}
var TEN_MEGABYTES_IN_BYTES = 10 * 1024 * 1024;

// node_modules/npm-run-path/index.js
var npmRunPath = ({
  cwd = process4.cwd(),
  path: pathOption = process4.env[pathKey()],
  preferLocal = true,
  execPath: execPath2 = process4.execPath,
  addExecPath = true
} = {}) => {
  const cwdPath = path2.resolve(toPath(cwd));
  const result = [];
  const pathParts = pathOption.split(path2.delimiter);
  if (preferLocal) {
    applyPreferLocal(result, pathParts, cwdPath);
  }
  if (addExecPath) {
    applyExecPath(result, pathParts, execPath2, cwdPath);
  }
  return pathOption === "" || pathOption === path2.delimiter ? `${result.join(path2.delimiter)}${pathOption}` : [...result, pathOption].join(path2.delimiter);
};
var applyPreferLocal = (result, pathParts, cwdPath) => {
  for (const directory of traversePathUp(cwdPath)) {
    const pathPart = path2.join(directory, "node_modules/.bin");
    if (!pathParts.includes(pathPart)) {
      result.push(pathPart);
    }
  }
};
var applyExecPath = (result, pathParts, execPath2, cwdPath) => {
  const pathPart = path2.resolve(cwdPath, toPath(execPath2), "..");
  if (!pathParts.includes(pathPart)) {
    result.push(pathPart);
  }
};
var npmRunPathEnv = ({ env = process4.env, ...options2 } = {}) => {
  env = { ...env };
  const pathName = pathKey({ env });
  options2.path = env[pathName];
  env[pathName] = npmRunPath(options2);
  return env;
};

// node_modules/execa/lib/terminate/kill.js
import { setTimeout as setTimeout2 } from "node:timers/promises";

// node_modules/execa/lib/return/final-error.js
var getFinalError = (originalError, message, isSync) => {
  const ErrorClass = isSync ? ExecaSyncError : ExecaError;
  const options2 = originalError instanceof DiscardedError ? {} : { cause: originalError };
  return new ErrorClass(message, options2);
};
var DiscardedError = class extends Error {
};
var setErrorName = (ErrorClass, value2) => {
  Object.defineProperty(ErrorClass.prototype, "name", {
    value: value2,
    writable: true,
    enumerable: false,
    configurable: true
  });
  Object.defineProperty(ErrorClass.prototype, execaErrorSymbol, {
    value: true,
    writable: false,
    enumerable: false,
    configurable: false
  });
};
var isExecaError = (error2) => isErrorInstance(error2) && execaErrorSymbol in error2;
var execaErrorSymbol = /* @__PURE__ */ Symbol("isExecaError");
var isErrorInstance = (value2) => Object.prototype.toString.call(value2) === "[object Error]";
var ExecaError = class extends Error {
};
setErrorName(ExecaError, ExecaError.name);
var ExecaSyncError = class extends Error {
};
setErrorName(ExecaSyncError, ExecaSyncError.name);

// node_modules/execa/lib/terminate/signal.js
import { constants as constants3 } from "node:os";

// node_modules/human-signals/build/src/main.js
import { constants as constants2 } from "node:os";

// node_modules/human-signals/build/src/realtime.js
var getRealtimeSignals = () => {
  const length = SIGRTMAX - SIGRTMIN + 1;
  return Array.from({ length }, getRealtimeSignal);
};
var getRealtimeSignal = (value2, index) => ({
  name: `SIGRT${index + 1}`,
  number: SIGRTMIN + index,
  action: "terminate",
  description: "Application-specific signal (realtime)",
  standard: "posix"
});
var SIGRTMIN = 34;
var SIGRTMAX = 64;

// node_modules/human-signals/build/src/signals.js
import { constants } from "node:os";

// node_modules/human-signals/build/src/core.js
var SIGNALS = [
  {
    name: "SIGHUP",
    number: 1,
    action: "terminate",
    description: "Terminal closed",
    standard: "posix"
  },
  {
    name: "SIGINT",
    number: 2,
    action: "terminate",
    description: "User interruption with CTRL-C",
    standard: "ansi"
  },
  {
    name: "SIGQUIT",
    number: 3,
    action: "core",
    description: "User interruption with CTRL-\\",
    standard: "posix"
  },
  {
    name: "SIGILL",
    number: 4,
    action: "core",
    description: "Invalid machine instruction",
    standard: "ansi"
  },
  {
    name: "SIGTRAP",
    number: 5,
    action: "core",
    description: "Debugger breakpoint",
    standard: "posix"
  },
  {
    name: "SIGABRT",
    number: 6,
    action: "core",
    description: "Aborted",
    standard: "ansi"
  },
  {
    name: "SIGIOT",
    number: 6,
    action: "core",
    description: "Aborted",
    standard: "bsd"
  },
  {
    name: "SIGBUS",
    number: 7,
    action: "core",
    description: "Bus error due to misaligned, non-existing address or paging error",
    standard: "bsd"
  },
  {
    name: "SIGEMT",
    number: 7,
    action: "terminate",
    description: "Command should be emulated but is not implemented",
    standard: "other"
  },
  {
    name: "SIGFPE",
    number: 8,
    action: "core",
    description: "Floating point arithmetic error",
    standard: "ansi"
  },
  {
    name: "SIGKILL",
    number: 9,
    action: "terminate",
    description: "Forced termination",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGUSR1",
    number: 10,
    action: "terminate",
    description: "Application-specific signal",
    standard: "posix"
  },
  {
    name: "SIGSEGV",
    number: 11,
    action: "core",
    description: "Segmentation fault",
    standard: "ansi"
  },
  {
    name: "SIGUSR2",
    number: 12,
    action: "terminate",
    description: "Application-specific signal",
    standard: "posix"
  },
  {
    name: "SIGPIPE",
    number: 13,
    action: "terminate",
    description: "Broken pipe or socket",
    standard: "posix"
  },
  {
    name: "SIGALRM",
    number: 14,
    action: "terminate",
    description: "Timeout or timer",
    standard: "posix"
  },
  {
    name: "SIGTERM",
    number: 15,
    action: "terminate",
    description: "Termination",
    standard: "ansi"
  },
  {
    name: "SIGSTKFLT",
    number: 16,
    action: "terminate",
    description: "Stack is empty or overflowed",
    standard: "other"
  },
  {
    name: "SIGCHLD",
    number: 17,
    action: "ignore",
    description: "Child process terminated, paused or unpaused",
    standard: "posix"
  },
  {
    name: "SIGCLD",
    number: 17,
    action: "ignore",
    description: "Child process terminated, paused or unpaused",
    standard: "other"
  },
  {
    name: "SIGCONT",
    number: 18,
    action: "unpause",
    description: "Unpaused",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGSTOP",
    number: 19,
    action: "pause",
    description: "Paused",
    standard: "posix",
    forced: true
  },
  {
    name: "SIGTSTP",
    number: 20,
    action: "pause",
    description: 'Paused using CTRL-Z or "suspend"',
    standard: "posix"
  },
  {
    name: "SIGTTIN",
    number: 21,
    action: "pause",
    description: "Background process cannot read terminal input",
    standard: "posix"
  },
  {
    name: "SIGBREAK",
    number: 21,
    action: "terminate",
    description: "User interruption with CTRL-BREAK",
    standard: "other"
  },
  {
    name: "SIGTTOU",
    number: 22,
    action: "pause",
    description: "Background process cannot write to terminal output",
    standard: "posix"
  },
  {
    name: "SIGURG",
    number: 23,
    action: "ignore",
    description: "Socket received out-of-band data",
    standard: "bsd"
  },
  {
    name: "SIGXCPU",
    number: 24,
    action: "core",
    description: "Process timed out",
    standard: "bsd"
  },
  {
    name: "SIGXFSZ",
    number: 25,
    action: "core",
    description: "File too big",
    standard: "bsd"
  },
  {
    name: "SIGVTALRM",
    number: 26,
    action: "terminate",
    description: "Timeout or timer",
    standard: "bsd"
  },
  {
    name: "SIGPROF",
    number: 27,
    action: "terminate",
    description: "Timeout or timer",
    standard: "bsd"
  },
  {
    name: "SIGWINCH",
    number: 28,
    action: "ignore",
    description: "Terminal window size changed",
    standard: "bsd"
  },
  {
    name: "SIGIO",
    number: 29,
    action: "terminate",
    description: "I/O is available",
    standard: "other"
  },
  {
    name: "SIGPOLL",
    number: 29,
    action: "terminate",
    description: "Watched event",
    standard: "other"
  },
  {
    name: "SIGINFO",
    number: 29,
    action: "ignore",
    description: "Request for process information",
    standard: "other"
  },
  {
    name: "SIGPWR",
    number: 30,
    action: "terminate",
    description: "Device running out of power",
    standard: "systemv"
  },
  {
    name: "SIGSYS",
    number: 31,
    action: "core",
    description: "Invalid system call",
    standard: "other"
  },
  {
    name: "SIGUNUSED",
    number: 31,
    action: "terminate",
    description: "Invalid system call",
    standard: "other"
  }
];

// node_modules/human-signals/build/src/signals.js
var getSignals = () => {
  const realtimeSignals = getRealtimeSignals();
  const signals2 = [...SIGNALS, ...realtimeSignals].map(normalizeSignal);
  return signals2;
};
var normalizeSignal = ({
  name,
  number: defaultNumber,
  description,
  action,
  forced = false,
  standard
}) => {
  const {
    signals: { [name]: constantSignal }
  } = constants;
  const supported = constantSignal !== void 0;
  const number = supported ? constantSignal : defaultNumber;
  return { name, number, description, supported, action, forced, standard };
};

// node_modules/human-signals/build/src/main.js
var getSignalsByName = () => {
  const signals2 = getSignals();
  return Object.fromEntries(signals2.map(getSignalByName));
};
var getSignalByName = ({
  name,
  number,
  description,
  supported,
  action,
  forced,
  standard
}) => [name, { name, number, description, supported, action, forced, standard }];
var signalsByName = getSignalsByName();
var getSignalsByNumber = () => {
  const signals2 = getSignals();
  const length = SIGRTMAX + 1;
  const signalsA = Array.from(
    { length },
    (value2, number) => getSignalByNumber(number, signals2)
  );
  return Object.assign({}, ...signalsA);
};
var getSignalByNumber = (number, signals2) => {
  const signal = findSignalByNumber(number, signals2);
  if (signal === void 0) {
    return {};
  }
  const { name, description, supported, action, forced, standard } = signal;
  return {
    [number]: {
      name,
      number,
      description,
      supported,
      action,
      forced,
      standard
    }
  };
};
var findSignalByNumber = (number, signals2) => {
  const signal = signals2.find(({ name }) => constants2.signals[name] === number);
  if (signal !== void 0) {
    return signal;
  }
  return signals2.find((signalA) => signalA.number === number);
};
var signalsByNumber = getSignalsByNumber();

// node_modules/execa/lib/terminate/signal.js
var normalizeKillSignal = (killSignal) => {
  const optionName = "option `killSignal`";
  if (killSignal === 0) {
    throw new TypeError(`Invalid ${optionName}: 0 cannot be used.`);
  }
  return normalizeSignal2(killSignal, optionName);
};
var normalizeSignalArgument = (signal) => signal === 0 ? signal : normalizeSignal2(signal, "`subprocess.kill()`'s argument");
var normalizeSignal2 = (signalNameOrInteger, optionName) => {
  if (Number.isInteger(signalNameOrInteger)) {
    return normalizeSignalInteger(signalNameOrInteger, optionName);
  }
  if (typeof signalNameOrInteger === "string") {
    return normalizeSignalName(signalNameOrInteger, optionName);
  }
  throw new TypeError(`Invalid ${optionName} ${String(signalNameOrInteger)}: it must be a string or an integer.
${getAvailableSignals()}`);
};
var normalizeSignalInteger = (signalInteger, optionName) => {
  if (signalsIntegerToName.has(signalInteger)) {
    return signalsIntegerToName.get(signalInteger);
  }
  throw new TypeError(`Invalid ${optionName} ${signalInteger}: this signal integer does not exist.
${getAvailableSignals()}`);
};
var getSignalsIntegerToName = () => new Map(Object.entries(constants3.signals).reverse().map(([signalName, signalInteger]) => [signalInteger, signalName]));
var signalsIntegerToName = getSignalsIntegerToName();
var normalizeSignalName = (signalName, optionName) => {
  if (signalName in constants3.signals) {
    return signalName;
  }
  if (signalName.toUpperCase() in constants3.signals) {
    throw new TypeError(`Invalid ${optionName} '${signalName}': please rename it to '${signalName.toUpperCase()}'.`);
  }
  throw new TypeError(`Invalid ${optionName} '${signalName}': this signal name does not exist.
${getAvailableSignals()}`);
};
var getAvailableSignals = () => `Available signal names: ${getAvailableSignalNames()}.
Available signal numbers: ${getAvailableSignalIntegers()}.`;
var getAvailableSignalNames = () => Object.keys(constants3.signals).sort().map((signalName) => `'${signalName}'`).join(", ");
var getAvailableSignalIntegers = () => [...new Set(Object.values(constants3.signals).sort((signalInteger, signalIntegerTwo) => signalInteger - signalIntegerTwo))].join(", ");
var getSignalDescription = (signal) => signalsByName[signal].description;

// node_modules/execa/lib/terminate/kill.js
var normalizeForceKillAfterDelay = (forceKillAfterDelay) => {
  if (forceKillAfterDelay === false) {
    return forceKillAfterDelay;
  }
  if (forceKillAfterDelay === true) {
    return DEFAULT_FORCE_KILL_TIMEOUT;
  }
  if (!Number.isFinite(forceKillAfterDelay) || forceKillAfterDelay < 0) {
    throw new TypeError(`Expected the \`forceKillAfterDelay\` option to be a non-negative integer, got \`${forceKillAfterDelay}\` (${typeof forceKillAfterDelay})`);
  }
  return forceKillAfterDelay;
};
var DEFAULT_FORCE_KILL_TIMEOUT = 1e3 * 5;
var subprocessKill = ({ kill, options: { forceKillAfterDelay, killSignal }, onInternalError, context, controller }, signalOrError, errorArgument) => {
  const { signal, error: error2 } = parseKillArguments(signalOrError, errorArgument, killSignal);
  emitKillError(error2, onInternalError);
  const killResult = kill(signal);
  setKillTimeout({
    kill,
    signal,
    forceKillAfterDelay,
    killSignal,
    killResult,
    context,
    controller
  });
  return killResult;
};
var parseKillArguments = (signalOrError, errorArgument, killSignal) => {
  const [signal = killSignal, error2] = isErrorInstance(signalOrError) ? [void 0, signalOrError] : [signalOrError, errorArgument];
  if (typeof signal !== "string" && !Number.isInteger(signal)) {
    throw new TypeError(`The first argument must be an error instance or a signal name string/integer: ${String(signal)}`);
  }
  if (error2 !== void 0 && !isErrorInstance(error2)) {
    throw new TypeError(`The second argument is optional. If specified, it must be an error instance: ${error2}`);
  }
  return { signal: normalizeSignalArgument(signal), error: error2 };
};
var emitKillError = (error2, onInternalError) => {
  if (error2 !== void 0) {
    onInternalError.reject(error2);
  }
};
var setKillTimeout = async ({ kill, signal, forceKillAfterDelay, killSignal, killResult, context, controller }) => {
  if (signal === killSignal && killResult) {
    killOnTimeout({
      kill,
      forceKillAfterDelay,
      context,
      controllerSignal: controller.signal
    });
  }
};
var killOnTimeout = async ({ kill, forceKillAfterDelay, context, controllerSignal }) => {
  if (forceKillAfterDelay === false) {
    return;
  }
  try {
    await setTimeout2(forceKillAfterDelay, void 0, { signal: controllerSignal });
    if (kill("SIGKILL")) {
      context.isForcefullyTerminated ??= true;
    }
  } catch {
  }
};

// node_modules/execa/lib/utils/abort-signal.js
import { once } from "node:events";
var onAbortedSignal = async (mainSignal, stopSignal) => {
  if (!mainSignal.aborted) {
    await once(mainSignal, "abort", { signal: stopSignal });
  }
};

// node_modules/execa/lib/terminate/cancel.js
var validateCancelSignal = ({ cancelSignal }) => {
  if (cancelSignal !== void 0 && Object.prototype.toString.call(cancelSignal) !== "[object AbortSignal]") {
    throw new Error(`The \`cancelSignal\` option must be an AbortSignal: ${String(cancelSignal)}`);
  }
};
var throwOnCancel = ({ subprocess, cancelSignal, gracefulCancel, context, controller }) => cancelSignal === void 0 || gracefulCancel ? [] : [terminateOnCancel(subprocess, cancelSignal, context, controller)];
var terminateOnCancel = async (subprocess, cancelSignal, context, { signal }) => {
  await onAbortedSignal(cancelSignal, signal);
  context.terminationReason ??= "cancel";
  subprocess.kill();
  throw cancelSignal.reason;
};

// node_modules/execa/lib/ipc/graceful.js
import { scheduler as scheduler2 } from "node:timers/promises";

// node_modules/execa/lib/ipc/send.js
import { promisify as promisify2 } from "node:util";

// node_modules/execa/lib/ipc/validation.js
var validateIpcMethod = ({ methodName, isSubprocess, ipc, isConnected: isConnected2 }) => {
  validateIpcOption(methodName, isSubprocess, ipc);
  validateConnection(methodName, isSubprocess, isConnected2);
};
var validateIpcOption = (methodName, isSubprocess, ipc) => {
  if (!ipc) {
    throw new Error(`${getMethodName(methodName, isSubprocess)} can only be used if the \`ipc\` option is \`true\`.`);
  }
};
var validateConnection = (methodName, isSubprocess, isConnected2) => {
  if (!isConnected2) {
    throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} has already exited or disconnected.`);
  }
};
var throwOnEarlyDisconnect = (isSubprocess) => {
  throw new Error(`${getMethodName("getOneMessage", isSubprocess)} could not complete: the ${getOtherProcessName(isSubprocess)} exited or disconnected.`);
};
var throwOnStrictDeadlockError = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is sending a message too, instead of listening to incoming messages.
This can be fixed by both sending a message and listening to incoming messages at the same time:

const [receivedMessage] = await Promise.all([
	${getMethodName("getOneMessage", isSubprocess)},
	${getMethodName("sendMessage", isSubprocess, "message, {strict: true}")},
]);`);
};
var getStrictResponseError = (error2, isSubprocess) => new Error(`${getMethodName("sendMessage", isSubprocess)} failed when sending an acknowledgment response to the ${getOtherProcessName(isSubprocess)}.`, { cause: error2 });
var throwOnMissingStrict = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} is not listening to incoming messages.`);
};
var throwOnStrictDisconnect = (isSubprocess) => {
  throw new Error(`${getMethodName("sendMessage", isSubprocess)} failed: the ${getOtherProcessName(isSubprocess)} exited without listening to incoming messages.`);
};
var getAbortDisconnectError = () => new Error(`\`cancelSignal\` aborted: the ${getOtherProcessName(true)} disconnected.`);
var throwOnMissingParent = () => {
  throw new Error("`getCancelSignal()` cannot be used without setting the `cancelSignal` subprocess option.");
};
var handleEpipeError = ({ error: error2, methodName, isSubprocess }) => {
  if (error2.code === "EPIPE") {
    throw new Error(`${getMethodName(methodName, isSubprocess)} cannot be used: the ${getOtherProcessName(isSubprocess)} is disconnecting.`, { cause: error2 });
  }
};
var handleSerializationError = ({ error: error2, methodName, isSubprocess, message }) => {
  if (isSerializationError(error2)) {
    throw new Error(`${getMethodName(methodName, isSubprocess)}'s argument type is invalid: the message cannot be serialized: ${String(message)}.`, { cause: error2 });
  }
};
var isSerializationError = ({ code, message }) => SERIALIZATION_ERROR_CODES.has(code) || SERIALIZATION_ERROR_MESSAGES.some((serializationErrorMessage) => message.includes(serializationErrorMessage));
var SERIALIZATION_ERROR_CODES = /* @__PURE__ */ new Set([
  // Message is `undefined`
  "ERR_MISSING_ARGS",
  // Message is a function, a bigint, a symbol
  "ERR_INVALID_ARG_TYPE"
]);
var SERIALIZATION_ERROR_MESSAGES = [
  // Message is a promise or a proxy, with `serialization: 'advanced'`
  "could not be cloned",
  // Message has cycles, with `serialization: 'json'`
  "circular structure",
  // Message has cycles inside toJSON(), with `serialization: 'json'`
  "call stack size exceeded"
];
var getMethodName = (methodName, isSubprocess, parameters = "") => methodName === "cancelSignal" ? "`cancelSignal`'s `controller.abort()`" : `${getNamespaceName(isSubprocess)}${methodName}(${parameters})`;
var getNamespaceName = (isSubprocess) => isSubprocess ? "" : "subprocess.";
var getOtherProcessName = (isSubprocess) => isSubprocess ? "parent process" : "subprocess";
var disconnect = (anyProcess) => {
  if (anyProcess.connected) {
    anyProcess.disconnect();
  }
};

// node_modules/execa/lib/utils/deferred.js
var createDeferred = () => {
  const methods = {};
  const promise = new Promise((resolve19, reject) => {
    Object.assign(methods, { resolve: resolve19, reject });
  });
  return Object.assign(promise, methods);
};

// node_modules/execa/lib/arguments/fd-options.js
var getToStream = (destination, to = "stdin") => {
  const isWritable = true;
  const { options: options2, fileDescriptors } = SUBPROCESS_OPTIONS.get(destination);
  const fdNumber = getFdNumber(fileDescriptors, to, isWritable);
  const destinationStream = destination.stdio[fdNumber];
  if (destinationStream === null) {
    throw new TypeError(getInvalidStdioOptionMessage(fdNumber, to, options2, isWritable));
  }
  return destinationStream;
};
var getFromStream = (source, from = "stdout") => {
  const isWritable = false;
  const { options: options2, fileDescriptors } = SUBPROCESS_OPTIONS.get(source);
  const fdNumber = getFdNumber(fileDescriptors, from, isWritable);
  const sourceStream = fdNumber === "all" ? source.all : source.stdio[fdNumber];
  if (sourceStream === null || sourceStream === void 0) {
    throw new TypeError(getInvalidStdioOptionMessage(fdNumber, from, options2, isWritable));
  }
  return sourceStream;
};
var SUBPROCESS_OPTIONS = /* @__PURE__ */ new WeakMap();
var getFdNumber = (fileDescriptors, fdName, isWritable) => {
  const fdNumber = parseFdNumber(fdName, isWritable);
  validateFdNumber(fdNumber, fdName, isWritable, fileDescriptors);
  return fdNumber;
};
var parseFdNumber = (fdName, isWritable) => {
  const fdNumber = parseFd(fdName);
  if (fdNumber !== void 0) {
    return fdNumber;
  }
  const { validOptions, defaultValue } = isWritable ? { validOptions: '"stdin"', defaultValue: "stdin" } : { validOptions: '"stdout", "stderr", "all"', defaultValue: "stdout" };
  throw new TypeError(`"${getOptionName(isWritable)}" must not be "${fdName}".
It must be ${validOptions} or "fd3", "fd4" (and so on).
It is optional and defaults to "${defaultValue}".`);
};
var validateFdNumber = (fdNumber, fdName, isWritable, fileDescriptors) => {
  const fileDescriptor = fileDescriptors[getUsedDescriptor(fdNumber)];
  if (fileDescriptor === void 0) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. That file descriptor does not exist.
Please set the "stdio" option to ensure that file descriptor exists.`);
  }
  if (fileDescriptor.direction === "input" && !isWritable) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a readable stream, not writable.`);
  }
  if (fileDescriptor.direction !== "input" && isWritable) {
    throw new TypeError(`"${getOptionName(isWritable)}" must not be ${fdName}. It must be a writable stream, not readable.`);
  }
};
var getInvalidStdioOptionMessage = (fdNumber, fdName, options2, isWritable) => {
  if (fdNumber === "all" && !options2.all) {
    return `The "all" option must be true to use "from: 'all'".`;
  }
  const { optionName, optionValue } = getInvalidStdioOption(fdNumber, options2);
  return `The "${optionName}: ${serializeOptionValue(optionValue)}" option is incompatible with using "${getOptionName(isWritable)}: ${serializeOptionValue(fdName)}".
Please set this option with "pipe" instead.`;
};
var getInvalidStdioOption = (fdNumber, { stdin, stdout, stderr, stdio }) => {
  const usedDescriptor = getUsedDescriptor(fdNumber);
  if (usedDescriptor === 0 && stdin !== void 0) {
    return { optionName: "stdin", optionValue: stdin };
  }
  if (usedDescriptor === 1 && stdout !== void 0) {
    return { optionName: "stdout", optionValue: stdout };
  }
  if (usedDescriptor === 2 && stderr !== void 0) {
    return { optionName: "stderr", optionValue: stderr };
  }
  return { optionName: `stdio[${usedDescriptor}]`, optionValue: stdio[usedDescriptor] };
};
var getUsedDescriptor = (fdNumber) => fdNumber === "all" ? 1 : fdNumber;
var getOptionName = (isWritable) => isWritable ? "to" : "from";
var serializeOptionValue = (value2) => {
  if (typeof value2 === "string") {
    return `'${value2}'`;
  }
  return typeof value2 === "number" ? `${value2}` : "Stream";
};

// node_modules/execa/lib/ipc/strict.js
import { once as once3 } from "node:events";

// node_modules/execa/lib/utils/max-listeners.js
import { addAbortListener } from "node:events";
var incrementMaxListeners = (eventEmitter, maxListenersIncrement, signal) => {
  const maxListeners = eventEmitter.getMaxListeners();
  if (maxListeners === 0 || maxListeners === Number.POSITIVE_INFINITY) {
    return;
  }
  eventEmitter.setMaxListeners(maxListeners + maxListenersIncrement);
  addAbortListener(signal, () => {
    eventEmitter.setMaxListeners(eventEmitter.getMaxListeners() - maxListenersIncrement);
  });
};

// node_modules/execa/lib/ipc/forward.js
import { EventEmitter } from "node:events";

// node_modules/execa/lib/ipc/incoming.js
import { once as once2 } from "node:events";
import { scheduler } from "node:timers/promises";

// node_modules/execa/lib/ipc/reference.js
var addReference = (channel, reference) => {
  if (reference) {
    addReferenceCount(channel);
  }
};
var addReferenceCount = (channel) => {
  channel.refCounted();
};
var removeReference = (channel, reference) => {
  if (reference) {
    removeReferenceCount(channel);
  }
};
var removeReferenceCount = (channel) => {
  channel.unrefCounted();
};
var undoAddedReferences = (channel, isSubprocess) => {
  if (isSubprocess) {
    removeReferenceCount(channel);
    removeReferenceCount(channel);
  }
};
var redoAddedReferences = (channel, isSubprocess) => {
  if (isSubprocess) {
    addReferenceCount(channel);
    addReferenceCount(channel);
  }
};

// node_modules/execa/lib/ipc/incoming.js
var onMessage = async ({ anyProcess, channel, isSubprocess, ipcEmitter }, wrappedMessage) => {
  if (handleStrictResponse(wrappedMessage) || handleAbort(wrappedMessage)) {
    return;
  }
  if (!INCOMING_MESSAGES.has(anyProcess)) {
    INCOMING_MESSAGES.set(anyProcess, []);
  }
  const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
  incomingMessages.push(wrappedMessage);
  if (incomingMessages.length > 1) {
    return;
  }
  while (incomingMessages.length > 0) {
    await waitForOutgoingMessages(anyProcess, ipcEmitter, wrappedMessage);
    await scheduler.yield();
    const message = await handleStrictRequest({
      wrappedMessage: incomingMessages[0],
      anyProcess,
      channel,
      isSubprocess,
      ipcEmitter
    });
    incomingMessages.shift();
    ipcEmitter.emit("message", message);
    ipcEmitter.emit("message:done");
  }
};
var onDisconnect = async ({ anyProcess, channel, isSubprocess, ipcEmitter, boundOnMessage }) => {
  abortOnDisconnect();
  const incomingMessages = INCOMING_MESSAGES.get(anyProcess);
  while (incomingMessages?.length > 0) {
    await once2(ipcEmitter, "message:done");
  }
  anyProcess.removeListener("message", boundOnMessage);
  redoAddedReferences(channel, isSubprocess);
  ipcEmitter.connected = false;
  ipcEmitter.emit("disconnect");
};
var INCOMING_MESSAGES = /* @__PURE__ */ new WeakMap();

// node_modules/execa/lib/ipc/forward.js
var getIpcEmitter = (anyProcess, channel, isSubprocess) => {
  if (IPC_EMITTERS.has(anyProcess)) {
    return IPC_EMITTERS.get(anyProcess);
  }
  const ipcEmitter = new EventEmitter();
  ipcEmitter.connected = true;
  IPC_EMITTERS.set(anyProcess, ipcEmitter);
  forwardEvents({
    ipcEmitter,
    anyProcess,
    channel,
    isSubprocess
  });
  return ipcEmitter;
};
var IPC_EMITTERS = /* @__PURE__ */ new WeakMap();
var forwardEvents = ({ ipcEmitter, anyProcess, channel, isSubprocess }) => {
  const boundOnMessage = onMessage.bind(void 0, {
    anyProcess,
    channel,
    isSubprocess,
    ipcEmitter
  });
  anyProcess.on("message", boundOnMessage);
  anyProcess.once("disconnect", onDisconnect.bind(void 0, {
    anyProcess,
    channel,
    isSubprocess,
    ipcEmitter,
    boundOnMessage
  }));
  undoAddedReferences(channel, isSubprocess);
};
var isConnected = (anyProcess) => {
  const ipcEmitter = IPC_EMITTERS.get(anyProcess);
  return ipcEmitter === void 0 ? anyProcess.channel !== null : ipcEmitter.connected;
};

// node_modules/execa/lib/ipc/strict.js
var handleSendStrict = ({ anyProcess, channel, isSubprocess, message, strict }) => {
  if (!strict) {
    return message;
  }
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const hasListeners = hasMessageListeners(anyProcess, ipcEmitter);
  return {
    id: count++,
    type: REQUEST_TYPE,
    message,
    hasListeners
  };
};
var count = 0n;
var validateStrictDeadlock = (outgoingMessages, wrappedMessage) => {
  if (wrappedMessage?.type !== REQUEST_TYPE || wrappedMessage.hasListeners) {
    return;
  }
  for (const { id } of outgoingMessages) {
    if (id !== void 0) {
      STRICT_RESPONSES[id].resolve({ isDeadlock: true, hasListeners: false });
    }
  }
};
var handleStrictRequest = async ({ wrappedMessage, anyProcess, channel, isSubprocess, ipcEmitter }) => {
  if (wrappedMessage?.type !== REQUEST_TYPE || !anyProcess.connected) {
    return wrappedMessage;
  }
  const { id, message } = wrappedMessage;
  const response = { id, type: RESPONSE_TYPE, message: hasMessageListeners(anyProcess, ipcEmitter) };
  try {
    await sendMessage({
      anyProcess,
      channel,
      isSubprocess,
      ipc: true
    }, response);
  } catch (error2) {
    ipcEmitter.emit("strict:error", error2);
  }
  return message;
};
var handleStrictResponse = (wrappedMessage) => {
  if (wrappedMessage?.type !== RESPONSE_TYPE) {
    return false;
  }
  const { id, message: hasListeners } = wrappedMessage;
  STRICT_RESPONSES[id]?.resolve({ isDeadlock: false, hasListeners });
  return true;
};
var waitForStrictResponse = async (wrappedMessage, anyProcess, isSubprocess) => {
  if (wrappedMessage?.type !== REQUEST_TYPE) {
    return;
  }
  const deferred = createDeferred();
  STRICT_RESPONSES[wrappedMessage.id] = deferred;
  const controller = new AbortController();
  try {
    const { isDeadlock, hasListeners } = await Promise.race([
      deferred,
      throwOnDisconnect(anyProcess, isSubprocess, controller)
    ]);
    if (isDeadlock) {
      throwOnStrictDeadlockError(isSubprocess);
    }
    if (!hasListeners) {
      throwOnMissingStrict(isSubprocess);
    }
  } finally {
    controller.abort();
    delete STRICT_RESPONSES[wrappedMessage.id];
  }
};
var STRICT_RESPONSES = {};
var throwOnDisconnect = async (anyProcess, isSubprocess, { signal }) => {
  incrementMaxListeners(anyProcess, 1, signal);
  await once3(anyProcess, "disconnect", { signal });
  throwOnStrictDisconnect(isSubprocess);
};
var REQUEST_TYPE = "execa:ipc:request";
var RESPONSE_TYPE = "execa:ipc:response";

// node_modules/execa/lib/ipc/outgoing.js
var startSendMessage = (anyProcess, wrappedMessage, strict) => {
  if (!OUTGOING_MESSAGES.has(anyProcess)) {
    OUTGOING_MESSAGES.set(anyProcess, /* @__PURE__ */ new Set());
  }
  const outgoingMessages = OUTGOING_MESSAGES.get(anyProcess);
  const onMessageSent = createDeferred();
  const id = strict ? wrappedMessage.id : void 0;
  const outgoingMessage = { onMessageSent, id };
  outgoingMessages.add(outgoingMessage);
  return { outgoingMessages, outgoingMessage };
};
var endSendMessage = ({ outgoingMessages, outgoingMessage }) => {
  outgoingMessages.delete(outgoingMessage);
  outgoingMessage.onMessageSent.resolve();
};
var waitForOutgoingMessages = async (anyProcess, ipcEmitter, wrappedMessage) => {
  while (!hasMessageListeners(anyProcess, ipcEmitter) && OUTGOING_MESSAGES.get(anyProcess)?.size > 0) {
    const outgoingMessages = [...OUTGOING_MESSAGES.get(anyProcess)];
    validateStrictDeadlock(outgoingMessages, wrappedMessage);
    await Promise.all(outgoingMessages.map(({ onMessageSent }) => onMessageSent));
  }
};
var OUTGOING_MESSAGES = /* @__PURE__ */ new WeakMap();
var hasMessageListeners = (anyProcess, ipcEmitter) => ipcEmitter.listenerCount("message") > getMinListenerCount(anyProcess);
var getMinListenerCount = (anyProcess) => SUBPROCESS_OPTIONS.has(anyProcess) && !getFdSpecificValue(SUBPROCESS_OPTIONS.get(anyProcess).options.buffer, "ipc") ? 1 : 0;

// node_modules/execa/lib/ipc/send.js
var sendMessage = ({ anyProcess, channel, isSubprocess, ipc }, message, { strict = false } = {}) => {
  const methodName = "sendMessage";
  validateIpcMethod({
    methodName,
    isSubprocess,
    ipc,
    isConnected: anyProcess.connected
  });
  return sendMessageAsync({
    anyProcess,
    channel,
    methodName,
    isSubprocess,
    message,
    strict
  });
};
var sendMessageAsync = async ({ anyProcess, channel, methodName, isSubprocess, message, strict }) => {
  const wrappedMessage = handleSendStrict({
    anyProcess,
    channel,
    isSubprocess,
    message,
    strict
  });
  const outgoingMessagesState = startSendMessage(anyProcess, wrappedMessage, strict);
  try {
    await sendOneMessage({
      anyProcess,
      methodName,
      isSubprocess,
      wrappedMessage,
      message
    });
  } catch (error2) {
    disconnect(anyProcess);
    throw error2;
  } finally {
    endSendMessage(outgoingMessagesState);
  }
};
var sendOneMessage = async ({ anyProcess, methodName, isSubprocess, wrappedMessage, message }) => {
  const sendMethod = getSendMethod(anyProcess);
  try {
    await Promise.all([
      waitForStrictResponse(wrappedMessage, anyProcess, isSubprocess),
      sendMethod(wrappedMessage)
    ]);
  } catch (error2) {
    handleEpipeError({ error: error2, methodName, isSubprocess });
    handleSerializationError({
      error: error2,
      methodName,
      isSubprocess,
      message
    });
    throw error2;
  }
};
var getSendMethod = (anyProcess) => {
  if (PROCESS_SEND_METHODS.has(anyProcess)) {
    return PROCESS_SEND_METHODS.get(anyProcess);
  }
  const sendMethod = promisify2(anyProcess.send.bind(anyProcess));
  PROCESS_SEND_METHODS.set(anyProcess, sendMethod);
  return sendMethod;
};
var PROCESS_SEND_METHODS = /* @__PURE__ */ new WeakMap();

// node_modules/execa/lib/ipc/graceful.js
var sendAbort = (subprocess, message) => {
  const methodName = "cancelSignal";
  validateConnection(methodName, false, subprocess.connected);
  return sendOneMessage({
    anyProcess: subprocess,
    methodName,
    isSubprocess: false,
    wrappedMessage: { type: GRACEFUL_CANCEL_TYPE, message },
    message
  });
};
var getCancelSignal = async ({ anyProcess, channel, isSubprocess, ipc }) => {
  await startIpc({
    anyProcess,
    channel,
    isSubprocess,
    ipc
  });
  return cancelController.signal;
};
var startIpc = async ({ anyProcess, channel, isSubprocess, ipc }) => {
  if (cancelListening) {
    return;
  }
  cancelListening = true;
  if (!ipc) {
    throwOnMissingParent();
    return;
  }
  if (channel === null) {
    abortOnDisconnect();
    return;
  }
  getIpcEmitter(anyProcess, channel, isSubprocess);
  await scheduler2.yield();
};
var cancelListening = false;
var handleAbort = (wrappedMessage) => {
  if (wrappedMessage?.type !== GRACEFUL_CANCEL_TYPE) {
    return false;
  }
  cancelController.abort(wrappedMessage.message);
  return true;
};
var GRACEFUL_CANCEL_TYPE = "execa:ipc:cancel";
var abortOnDisconnect = () => {
  cancelController.abort(getAbortDisconnectError());
};
var cancelController = new AbortController();

// node_modules/execa/lib/terminate/graceful.js
var validateGracefulCancel = ({ gracefulCancel, cancelSignal, ipc, serialization }) => {
  if (!gracefulCancel) {
    return;
  }
  if (cancelSignal === void 0) {
    throw new Error("The `cancelSignal` option must be defined when setting the `gracefulCancel` option.");
  }
  if (!ipc) {
    throw new Error("The `ipc` option cannot be false when setting the `gracefulCancel` option.");
  }
  if (serialization === "json") {
    throw new Error("The `serialization` option cannot be 'json' when setting the `gracefulCancel` option.");
  }
};
var throwOnGracefulCancel = ({
  subprocess,
  cancelSignal,
  gracefulCancel,
  forceKillAfterDelay,
  context,
  controller
}) => gracefulCancel ? [sendOnAbort({
  subprocess,
  cancelSignal,
  forceKillAfterDelay,
  context,
  controller
})] : [];
var sendOnAbort = async ({ subprocess, cancelSignal, forceKillAfterDelay, context, controller: { signal } }) => {
  await onAbortedSignal(cancelSignal, signal);
  const reason = getReason(cancelSignal);
  await sendAbort(subprocess, reason);
  killOnTimeout({
    kill: subprocess.kill,
    forceKillAfterDelay,
    context,
    controllerSignal: signal
  });
  context.terminationReason ??= "gracefulCancel";
  throw cancelSignal.reason;
};
var getReason = ({ reason }) => {
  if (!(reason instanceof DOMException)) {
    return reason;
  }
  const error2 = new Error(reason.message);
  Object.defineProperty(error2, "stack", {
    value: reason.stack,
    enumerable: false,
    configurable: true,
    writable: true
  });
  return error2;
};

// node_modules/execa/lib/terminate/timeout.js
import { setTimeout as setTimeout3 } from "node:timers/promises";
var validateTimeout = ({ timeout }) => {
  if (timeout !== void 0 && (!Number.isFinite(timeout) || timeout < 0)) {
    throw new TypeError(`Expected the \`timeout\` option to be a non-negative integer, got \`${timeout}\` (${typeof timeout})`);
  }
};
var throwOnTimeout = (subprocess, timeout, context, controller) => timeout === 0 || timeout === void 0 ? [] : [killAfterTimeout(subprocess, timeout, context, controller)];
var killAfterTimeout = async (subprocess, timeout, context, { signal }) => {
  await setTimeout3(timeout, void 0, { signal });
  context.terminationReason ??= "timeout";
  subprocess.kill();
  throw new DiscardedError();
};

// node_modules/execa/lib/methods/node.js
import { execPath, execArgv } from "node:process";
import path3 from "node:path";
var mapNode = ({ options: options2 }) => {
  if (options2.node === false) {
    throw new TypeError('The "node" option cannot be false with `execaNode()`.');
  }
  return { options: { ...options2, node: true } };
};
var handleNodeOption = (file, commandArguments, {
  node: shouldHandleNode = false,
  nodePath = execPath,
  nodeOptions = execArgv.filter((nodeOption) => !nodeOption.startsWith("--inspect")),
  cwd,
  execPath: formerNodePath,
  ...options2
}) => {
  if (formerNodePath !== void 0) {
    throw new TypeError('The "execPath" option has been removed. Please use the "nodePath" option instead.');
  }
  const normalizedNodePath = safeNormalizeFileUrl(nodePath, 'The "nodePath" option');
  const resolvedNodePath = path3.resolve(cwd, normalizedNodePath);
  const newOptions = {
    ...options2,
    nodePath: resolvedNodePath,
    node: shouldHandleNode,
    cwd
  };
  if (!shouldHandleNode) {
    return [file, commandArguments, newOptions];
  }
  if (path3.basename(file, ".exe") === "node") {
    throw new TypeError('When the "node" option is true, the first argument does not need to be "node".');
  }
  return [
    resolvedNodePath,
    [...nodeOptions, file, ...commandArguments],
    { ipc: true, ...newOptions, shell: false }
  ];
};

// node_modules/execa/lib/ipc/ipc-input.js
import { serialize } from "node:v8";
var validateIpcInputOption = ({ ipcInput, ipc, serialization }) => {
  if (ipcInput === void 0) {
    return;
  }
  if (!ipc) {
    throw new Error("The `ipcInput` option cannot be set unless the `ipc` option is `true`.");
  }
  validateIpcInput[serialization](ipcInput);
};
var validateAdvancedInput = (ipcInput) => {
  try {
    serialize(ipcInput);
  } catch (error2) {
    throw new Error("The `ipcInput` option is not serializable with a structured clone.", { cause: error2 });
  }
};
var validateJsonInput = (ipcInput) => {
  try {
    JSON.stringify(ipcInput);
  } catch (error2) {
    throw new Error("The `ipcInput` option is not serializable with JSON.", { cause: error2 });
  }
};
var validateIpcInput = {
  advanced: validateAdvancedInput,
  json: validateJsonInput
};
var sendIpcInput = async (subprocess, ipcInput) => {
  if (ipcInput === void 0) {
    return;
  }
  await subprocess.sendMessage(ipcInput);
};

// node_modules/execa/lib/arguments/encoding-option.js
var validateEncoding = ({ encoding }) => {
  if (ENCODINGS.has(encoding)) {
    return;
  }
  const correctEncoding = getCorrectEncoding(encoding);
  if (correctEncoding !== void 0) {
    throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to ${serializeEncoding(correctEncoding)}.`);
  }
  const correctEncodings = [...ENCODINGS].map((correctEncoding2) => serializeEncoding(correctEncoding2)).join(", ");
  throw new TypeError(`Invalid option \`encoding: ${serializeEncoding(encoding)}\`.
Please rename it to one of: ${correctEncodings}.`);
};
var TEXT_ENCODINGS = /* @__PURE__ */ new Set(["utf8", "utf16le"]);
var BINARY_ENCODINGS = /* @__PURE__ */ new Set(["buffer", "hex", "base64", "base64url", "latin1", "ascii"]);
var ENCODINGS = /* @__PURE__ */ new Set([...TEXT_ENCODINGS, ...BINARY_ENCODINGS]);
var getCorrectEncoding = (encoding) => {
  if (encoding === null) {
    return "buffer";
  }
  if (typeof encoding !== "string") {
    return;
  }
  const lowerEncoding = encoding.toLowerCase();
  if (lowerEncoding in ENCODING_ALIASES) {
    return ENCODING_ALIASES[lowerEncoding];
  }
  if (ENCODINGS.has(lowerEncoding)) {
    return lowerEncoding;
  }
};
var ENCODING_ALIASES = {
  // eslint-disable-next-line unicorn/text-encoding-identifier-case
  "utf-8": "utf8",
  "utf-16le": "utf16le",
  "ucs-2": "utf16le",
  ucs2: "utf16le",
  binary: "latin1"
};
var serializeEncoding = (encoding) => typeof encoding === "string" ? `"${encoding}"` : String(encoding);

// node_modules/execa/lib/arguments/cwd.js
import { statSync } from "node:fs";
import path4 from "node:path";
import process5 from "node:process";
var normalizeCwd = (cwd = getDefaultCwd()) => {
  const cwdString = safeNormalizeFileUrl(cwd, 'The "cwd" option');
  return path4.resolve(cwdString);
};
var getDefaultCwd = () => {
  try {
    return process5.cwd();
  } catch (error2) {
    error2.message = `The current directory does not exist.
${error2.message}`;
    throw error2;
  }
};
var fixCwdError = (originalMessage, cwd) => {
  if (cwd === getDefaultCwd()) {
    return originalMessage;
  }
  let cwdStat;
  try {
    cwdStat = statSync(cwd);
  } catch (error2) {
    return `The "cwd" option is invalid: ${cwd}.
${error2.message}
${originalMessage}`;
  }
  if (!cwdStat.isDirectory()) {
    return `The "cwd" option is not a directory: ${cwd}.
${originalMessage}`;
  }
  return originalMessage;
};

// node_modules/execa/lib/arguments/options.js
var normalizeOptions = (filePath, rawArguments, rawOptions) => {
  rawOptions.cwd = normalizeCwd(rawOptions.cwd);
  const [processedFile, processedArguments, processedOptions] = handleNodeOption(filePath, rawArguments, rawOptions);
  const { command: file, args: commandArguments, options: initialOptions } = import_cross_spawn.default._parse(processedFile, processedArguments, processedOptions);
  const fdOptions = normalizeFdSpecificOptions(initialOptions);
  const options2 = addDefaultOptions(fdOptions);
  validateTimeout(options2);
  validateEncoding(options2);
  validateIpcInputOption(options2);
  validateCancelSignal(options2);
  validateGracefulCancel(options2);
  options2.shell = normalizeFileUrl(options2.shell);
  options2.env = getEnv(options2);
  options2.killSignal = normalizeKillSignal(options2.killSignal);
  options2.forceKillAfterDelay = normalizeForceKillAfterDelay(options2.forceKillAfterDelay);
  options2.lines = options2.lines.map((lines, fdNumber) => lines && !BINARY_ENCODINGS.has(options2.encoding) && options2.buffer[fdNumber]);
  if (process6.platform === "win32" && path5.basename(file, ".exe") === "cmd") {
    commandArguments.unshift("/q");
  }
  return { file, commandArguments, options: options2 };
};
var addDefaultOptions = ({
  extendEnv = true,
  preferLocal = false,
  cwd,
  localDir: localDirectory = cwd,
  encoding = "utf8",
  reject = true,
  cleanup = true,
  all = false,
  windowsHide = true,
  killSignal = "SIGTERM",
  forceKillAfterDelay = true,
  gracefulCancel = false,
  ipcInput,
  ipc = ipcInput !== void 0 || gracefulCancel,
  serialization = "advanced",
  ...options2
}) => ({
  ...options2,
  extendEnv,
  preferLocal,
  cwd,
  localDirectory,
  encoding,
  reject,
  cleanup,
  all,
  windowsHide,
  killSignal,
  forceKillAfterDelay,
  gracefulCancel,
  ipcInput,
  ipc,
  serialization
});
var getEnv = ({ env: envOption, extendEnv, preferLocal, node, localDirectory, nodePath }) => {
  const env = extendEnv ? { ...process6.env, ...envOption } : envOption;
  if (preferLocal || node) {
    return npmRunPathEnv({
      env,
      cwd: localDirectory,
      execPath: nodePath,
      preferLocal,
      addExecPath: node
    });
  }
  return env;
};

// node_modules/execa/lib/arguments/shell.js
var concatenateShell = (file, commandArguments, options2) => options2.shell && commandArguments.length > 0 ? [[file, ...commandArguments].join(" "), [], options2] : [file, commandArguments, options2];

// node_modules/execa/lib/return/message.js
import { inspect as inspect2 } from "node:util";

// node_modules/strip-final-newline/index.js
function stripFinalNewline(input) {
  if (typeof input === "string") {
    return stripFinalNewlineString(input);
  }
  if (!(ArrayBuffer.isView(input) && input.BYTES_PER_ELEMENT === 1)) {
    throw new Error("Input must be a string or a Uint8Array");
  }
  return stripFinalNewlineBinary(input);
}
var stripFinalNewlineString = (input) => input.at(-1) === LF ? input.slice(0, input.at(-2) === CR ? -2 : -1) : input;
var stripFinalNewlineBinary = (input) => input.at(-1) === LF_BINARY ? input.subarray(0, input.at(-2) === CR_BINARY ? -2 : -1) : input;
var LF = "\n";
var LF_BINARY = LF.codePointAt(0);
var CR = "\r";
var CR_BINARY = CR.codePointAt(0);

// node_modules/get-stream/source/index.js
import { on } from "node:events";
import { finished } from "node:stream/promises";

// node_modules/is-stream/index.js
function isStream(stream, { checkOpen = true } = {}) {
  return stream !== null && typeof stream === "object" && (stream.writable || stream.readable || !checkOpen || stream.writable === void 0 && stream.readable === void 0) && typeof stream.pipe === "function";
}
function isWritableStream(stream, { checkOpen = true } = {}) {
  return isStream(stream, { checkOpen }) && (stream.writable || !checkOpen) && typeof stream.write === "function" && typeof stream.end === "function" && typeof stream.writable === "boolean" && typeof stream.writableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isReadableStream(stream, { checkOpen = true } = {}) {
  return isStream(stream, { checkOpen }) && (stream.readable || !checkOpen) && typeof stream.read === "function" && typeof stream.readable === "boolean" && typeof stream.readableObjectMode === "boolean" && typeof stream.destroy === "function" && typeof stream.destroyed === "boolean";
}
function isDuplexStream(stream, options2) {
  return isWritableStream(stream, options2) && isReadableStream(stream, options2);
}

// node_modules/@sec-ant/readable-stream/dist/ponyfill/asyncIterator.js
var a = Object.getPrototypeOf(
  Object.getPrototypeOf(
    /* istanbul ignore next */
    async function* () {
    }
  ).prototype
);
var c = class {
  #t;
  #n;
  #r = false;
  #e = void 0;
  constructor(e, t) {
    this.#t = e, this.#n = t;
  }
  next() {
    const e = () => this.#s();
    return this.#e = this.#e ? this.#e.then(e, e) : e(), this.#e;
  }
  return(e) {
    const t = () => this.#i(e);
    return this.#e ? this.#e.then(t, t) : t();
  }
  async #s() {
    if (this.#r)
      return {
        done: true,
        value: void 0
      };
    let e;
    try {
      e = await this.#t.read();
    } catch (t) {
      throw this.#e = void 0, this.#r = true, this.#t.releaseLock(), t;
    }
    return e.done && (this.#e = void 0, this.#r = true, this.#t.releaseLock()), e;
  }
  async #i(e) {
    if (this.#r)
      return {
        done: true,
        value: e
      };
    if (this.#r = true, !this.#n) {
      const t = this.#t.cancel(e);
      return this.#t.releaseLock(), await t, {
        done: true,
        value: e
      };
    }
    return this.#t.releaseLock(), {
      done: true,
      value: e
    };
  }
};
var n = /* @__PURE__ */ Symbol();
function i() {
  return this[n].next();
}
Object.defineProperty(i, "name", { value: "next" });
function o(r) {
  return this[n].return(r);
}
Object.defineProperty(o, "name", { value: "return" });
var u = Object.create(a, {
  next: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: i
  },
  return: {
    enumerable: true,
    configurable: true,
    writable: true,
    value: o
  }
});
function h({ preventCancel: r = false } = {}) {
  const e = this.getReader(), t = new c(
    e,
    r
  ), s = Object.create(u);
  return s[n] = t, s;
}

// node_modules/get-stream/source/stream.js
var getAsyncIterable = (stream) => {
  if (isReadableStream(stream, { checkOpen: false }) && nodeImports.on !== void 0) {
    return getStreamIterable(stream);
  }
  if (typeof stream?.[Symbol.asyncIterator] === "function") {
    return stream;
  }
  if (toString.call(stream) === "[object ReadableStream]") {
    return h.call(stream);
  }
  throw new TypeError("The first argument must be a Readable, a ReadableStream, or an async iterable.");
};
var { toString } = Object.prototype;
var getStreamIterable = async function* (stream) {
  const controller = new AbortController();
  const state = {};
  handleStreamEnd(stream, controller, state);
  try {
    for await (const [chunk] of nodeImports.on(stream, "data", { signal: controller.signal })) {
      yield chunk;
    }
  } catch (error2) {
    if (state.error !== void 0) {
      throw state.error;
    } else if (!controller.signal.aborted) {
      throw error2;
    }
  } finally {
    stream.destroy();
  }
};
var handleStreamEnd = async (stream, controller, state) => {
  try {
    await nodeImports.finished(stream, {
      cleanup: true,
      readable: true,
      writable: false,
      error: false
    });
  } catch (error2) {
    state.error = error2;
  } finally {
    controller.abort();
  }
};
var nodeImports = {};

// node_modules/get-stream/source/contents.js
var getStreamContents = async (stream, { init, convertChunk, getSize, truncateChunk, addChunk, getFinalChunk, finalize }, { maxBuffer = Number.POSITIVE_INFINITY } = {}) => {
  const asyncIterable = getAsyncIterable(stream);
  const state = init();
  state.length = 0;
  try {
    for await (const chunk of asyncIterable) {
      const chunkType = getChunkType(chunk);
      const convertedChunk = convertChunk[chunkType](chunk, state);
      appendChunk({
        convertedChunk,
        state,
        getSize,
        truncateChunk,
        addChunk,
        maxBuffer
      });
    }
    appendFinalChunk({
      state,
      convertChunk,
      getSize,
      truncateChunk,
      addChunk,
      getFinalChunk,
      maxBuffer
    });
    return finalize(state);
  } catch (error2) {
    const normalizedError = typeof error2 === "object" && error2 !== null ? error2 : new Error(error2);
    normalizedError.bufferedData = finalize(state);
    throw normalizedError;
  }
};
var appendFinalChunk = ({ state, getSize, truncateChunk, addChunk, getFinalChunk, maxBuffer }) => {
  const convertedChunk = getFinalChunk(state);
  if (convertedChunk !== void 0) {
    appendChunk({
      convertedChunk,
      state,
      getSize,
      truncateChunk,
      addChunk,
      maxBuffer
    });
  }
};
var appendChunk = ({ convertedChunk, state, getSize, truncateChunk, addChunk, maxBuffer }) => {
  const chunkSize = getSize(convertedChunk);
  const newLength = state.length + chunkSize;
  if (newLength <= maxBuffer) {
    addNewChunk(convertedChunk, state, addChunk, newLength);
    return;
  }
  const truncatedChunk = truncateChunk(convertedChunk, maxBuffer - state.length);
  if (truncatedChunk !== void 0) {
    addNewChunk(truncatedChunk, state, addChunk, maxBuffer);
  }
  throw new MaxBufferError();
};
var addNewChunk = (convertedChunk, state, addChunk, newLength) => {
  state.contents = addChunk(convertedChunk, state, newLength);
  state.length = newLength;
};
var getChunkType = (chunk) => {
  const typeOfChunk = typeof chunk;
  if (typeOfChunk === "string") {
    return "string";
  }
  if (typeOfChunk !== "object" || chunk === null) {
    return "others";
  }
  if (globalThis.Buffer?.isBuffer(chunk)) {
    return "buffer";
  }
  const prototypeName = objectToString2.call(chunk);
  if (prototypeName === "[object ArrayBuffer]") {
    return "arrayBuffer";
  }
  if (prototypeName === "[object DataView]") {
    return "dataView";
  }
  if (Number.isInteger(chunk.byteLength) && Number.isInteger(chunk.byteOffset) && objectToString2.call(chunk.buffer) === "[object ArrayBuffer]") {
    return "typedArray";
  }
  return "others";
};
var { toString: objectToString2 } = Object.prototype;
var MaxBufferError = class extends Error {
  name = "MaxBufferError";
  constructor() {
    super("maxBuffer exceeded");
  }
};

// node_modules/get-stream/source/utils.js
var identity2 = (value2) => value2;
var noop = () => void 0;
var getContentsProperty = ({ contents }) => contents;
var throwObjectStream = (chunk) => {
  throw new Error(`Streams in object mode are not supported: ${String(chunk)}`);
};
var getLengthProperty = (convertedChunk) => convertedChunk.length;

// node_modules/get-stream/source/array.js
async function getStreamAsArray(stream, options2) {
  return getStreamContents(stream, arrayMethods, options2);
}
var initArray = () => ({ contents: [] });
var increment = () => 1;
var addArrayChunk = (convertedChunk, { contents }) => {
  contents.push(convertedChunk);
  return contents;
};
var arrayMethods = {
  init: initArray,
  convertChunk: {
    string: identity2,
    buffer: identity2,
    arrayBuffer: identity2,
    dataView: identity2,
    typedArray: identity2,
    others: identity2
  },
  getSize: increment,
  truncateChunk: noop,
  addChunk: addArrayChunk,
  getFinalChunk: noop,
  finalize: getContentsProperty
};

// node_modules/get-stream/source/array-buffer.js
async function getStreamAsArrayBuffer(stream, options2) {
  return getStreamContents(stream, arrayBufferMethods, options2);
}
var initArrayBuffer = () => ({ contents: new ArrayBuffer(0) });
var useTextEncoder = (chunk) => textEncoder2.encode(chunk);
var textEncoder2 = new TextEncoder();
var useUint8Array = (chunk) => new Uint8Array(chunk);
var useUint8ArrayWithOffset = (chunk) => new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
var truncateArrayBufferChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
var addArrayBufferChunk = (convertedChunk, { contents, length: previousLength }, length) => {
  const newContents = hasArrayBufferResize() ? resizeArrayBuffer(contents, length) : resizeArrayBufferSlow(contents, length);
  new Uint8Array(newContents).set(convertedChunk, previousLength);
  return newContents;
};
var resizeArrayBufferSlow = (contents, length) => {
  if (length <= contents.byteLength) {
    return contents;
  }
  const arrayBuffer = new ArrayBuffer(getNewContentsLength(length));
  new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
  return arrayBuffer;
};
var resizeArrayBuffer = (contents, length) => {
  if (length <= contents.maxByteLength) {
    contents.resize(length);
    return contents;
  }
  const arrayBuffer = new ArrayBuffer(length, { maxByteLength: getNewContentsLength(length) });
  new Uint8Array(arrayBuffer).set(new Uint8Array(contents), 0);
  return arrayBuffer;
};
var getNewContentsLength = (length) => SCALE_FACTOR ** Math.ceil(Math.log(length) / Math.log(SCALE_FACTOR));
var SCALE_FACTOR = 2;
var finalizeArrayBuffer = ({ contents, length }) => hasArrayBufferResize() ? contents : contents.slice(0, length);
var hasArrayBufferResize = () => "resize" in ArrayBuffer.prototype;
var arrayBufferMethods = {
  init: initArrayBuffer,
  convertChunk: {
    string: useTextEncoder,
    buffer: useUint8Array,
    arrayBuffer: useUint8Array,
    dataView: useUint8ArrayWithOffset,
    typedArray: useUint8ArrayWithOffset,
    others: throwObjectStream
  },
  getSize: getLengthProperty,
  truncateChunk: truncateArrayBufferChunk,
  addChunk: addArrayBufferChunk,
  getFinalChunk: noop,
  finalize: finalizeArrayBuffer
};

// node_modules/get-stream/source/string.js
async function getStreamAsString(stream, options2) {
  return getStreamContents(stream, stringMethods, options2);
}
var initString = () => ({ contents: "", textDecoder: new TextDecoder() });
var useTextDecoder = (chunk, { textDecoder: textDecoder2 }) => textDecoder2.decode(chunk, { stream: true });
var addStringChunk = (convertedChunk, { contents }) => contents + convertedChunk;
var truncateStringChunk = (convertedChunk, chunkSize) => convertedChunk.slice(0, chunkSize);
var getFinalStringChunk = ({ textDecoder: textDecoder2 }) => {
  const finalChunk = textDecoder2.decode();
  return finalChunk === "" ? void 0 : finalChunk;
};
var stringMethods = {
  init: initString,
  convertChunk: {
    string: identity2,
    buffer: useTextDecoder,
    arrayBuffer: useTextDecoder,
    dataView: useTextDecoder,
    typedArray: useTextDecoder,
    others: throwObjectStream
  },
  getSize: getLengthProperty,
  truncateChunk: truncateStringChunk,
  addChunk: addStringChunk,
  getFinalChunk: getFinalStringChunk,
  finalize: getContentsProperty
};

// node_modules/get-stream/source/index.js
Object.assign(nodeImports, { on, finished });

// node_modules/execa/lib/io/max-buffer.js
var handleMaxBuffer = ({ error: error2, stream, readableObjectMode, lines, encoding, fdNumber }) => {
  if (!(error2 instanceof MaxBufferError)) {
    throw error2;
  }
  if (fdNumber === "all") {
    return error2;
  }
  const unit = getMaxBufferUnit(readableObjectMode, lines, encoding);
  error2.maxBufferInfo = { fdNumber, unit };
  stream.destroy();
  throw error2;
};
var getMaxBufferUnit = (readableObjectMode, lines, encoding) => {
  if (readableObjectMode) {
    return "objects";
  }
  if (lines) {
    return "lines";
  }
  if (encoding === "buffer") {
    return "bytes";
  }
  return "characters";
};
var checkIpcMaxBuffer = (subprocess, ipcOutput, maxBuffer) => {
  if (ipcOutput.length !== maxBuffer) {
    return;
  }
  const error2 = new MaxBufferError();
  error2.maxBufferInfo = { fdNumber: "ipc" };
  throw error2;
};
var getMaxBufferMessage = (error2, maxBuffer) => {
  const { streamName, threshold, unit } = getMaxBufferInfo(error2, maxBuffer);
  return `Command's ${streamName} was larger than ${threshold} ${unit}`;
};
var getMaxBufferInfo = (error2, maxBuffer) => {
  if (error2?.maxBufferInfo === void 0) {
    return { streamName: "output", threshold: maxBuffer[1], unit: "bytes" };
  }
  const { maxBufferInfo: { fdNumber, unit } } = error2;
  delete error2.maxBufferInfo;
  const threshold = getFdSpecificValue(maxBuffer, fdNumber);
  if (fdNumber === "ipc") {
    return { streamName: "IPC output", threshold, unit: "messages" };
  }
  return { streamName: getStreamName(fdNumber), threshold, unit };
};
var isMaxBufferSync = (resultError, output, maxBuffer) => resultError?.code === "ENOBUFS" && output !== null && output.some((result) => result !== null && result.length > getMaxBufferSync(maxBuffer));
var truncateMaxBufferSync = (result, isMaxBuffer, maxBuffer) => {
  if (!isMaxBuffer) {
    return result;
  }
  const maxBufferValue = getMaxBufferSync(maxBuffer);
  return result.length > maxBufferValue ? result.slice(0, maxBufferValue) : result;
};
var getMaxBufferSync = ([, stdoutMaxBuffer]) => stdoutMaxBuffer;

// node_modules/execa/lib/return/message.js
var createMessages = ({
  stdio,
  all,
  ipcOutput,
  originalError,
  signal,
  signalDescription,
  exitCode,
  escapedCommand,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  forceKillAfterDelay,
  killSignal,
  maxBuffer,
  timeout,
  cwd
}) => {
  const errorCode = originalError?.code;
  const prefix = getErrorPrefix({
    originalError,
    timedOut,
    timeout,
    isMaxBuffer,
    maxBuffer,
    errorCode,
    signal,
    signalDescription,
    exitCode,
    isCanceled,
    isGracefullyCanceled,
    isForcefullyTerminated,
    forceKillAfterDelay,
    killSignal
  });
  const originalMessage = getOriginalMessage(originalError, cwd);
  const suffix = originalMessage === void 0 ? "" : `
${originalMessage}`;
  const shortMessage = `${prefix}: ${escapedCommand}${suffix}`;
  const messageStdio = all === void 0 ? [stdio[2], stdio[1]] : [all];
  const message = [
    shortMessage,
    ...messageStdio,
    ...stdio.slice(3),
    ipcOutput.map((ipcMessage) => serializeIpcMessage(ipcMessage)).join("\n")
  ].map((messagePart) => escapeLines(stripFinalNewline(serializeMessagePart(messagePart)))).filter(Boolean).join("\n\n");
  return { originalMessage, shortMessage, message };
};
var getErrorPrefix = ({
  originalError,
  timedOut,
  timeout,
  isMaxBuffer,
  maxBuffer,
  errorCode,
  signal,
  signalDescription,
  exitCode,
  isCanceled,
  isGracefullyCanceled,
  isForcefullyTerminated,
  forceKillAfterDelay,
  killSignal
}) => {
  const forcefulSuffix = getForcefulSuffix(isForcefullyTerminated, forceKillAfterDelay);
  if (timedOut) {
    return `Command timed out after ${timeout} milliseconds${forcefulSuffix}`;
  }
  if (isGracefullyCanceled) {
    if (signal === void 0) {
      return `Command was gracefully canceled with exit code ${exitCode}`;
    }
    return isForcefullyTerminated ? `Command was gracefully canceled${forcefulSuffix}` : `Command was gracefully canceled with ${signal} (${signalDescription})`;
  }
  if (isCanceled) {
    return `Command was canceled${forcefulSuffix}`;
  }
  if (isMaxBuffer) {
    return `${getMaxBufferMessage(originalError, maxBuffer)}${forcefulSuffix}`;
  }
  if (errorCode !== void 0) {
    return `Command failed with ${errorCode}${forcefulSuffix}`;
  }
  if (isForcefullyTerminated) {
    return `Command was killed with ${killSignal} (${getSignalDescription(killSignal)})${forcefulSuffix}`;
  }
  if (signal !== void 0) {
    return `Command was killed with ${signal} (${signalDescription})`;
  }
  if (exitCode !== void 0) {
    return `Command failed with exit code ${exitCode}`;
  }
  return "Command failed";
};
var getForcefulSuffix = (isForcefullyTerminated, forceKillAfterDelay) => isForcefullyTerminated ? ` and was forcefully terminated after ${forceKillAfterDelay} milliseconds` : "";
var getOriginalMessage = (originalError, cwd) => {
  if (originalError instanceof DiscardedError) {
    return;
  }
  const originalMessage = isExecaError(originalError) ? originalError.originalMessage : String(originalError?.message ?? originalError);
  const escapedOriginalMessage = escapeLines(fixCwdError(originalMessage, cwd));
  return escapedOriginalMessage === "" ? void 0 : escapedOriginalMessage;
};
var serializeIpcMessage = (ipcMessage) => typeof ipcMessage === "string" ? ipcMessage : inspect2(ipcMessage);
var serializeMessagePart = (messagePart) => Array.isArray(messagePart) ? messagePart.map((messageItem) => stripFinalNewline(serializeMessageItem(messageItem))).filter(Boolean).join("\n") : serializeMessageItem(messagePart);
var serializeMessageItem = (messageItem) => {
  if (typeof messageItem === "string") {
    return messageItem;
  }
  if (isUint8Array(messageItem)) {
    return uint8ArrayToString(messageItem);
  }
  return "";
};

// node_modules/execa/lib/return/result.js
var makeSuccessResult = ({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput,
  options: { cwd },
  startTime
}) => omitUndefinedProperties({
  command,
  escapedCommand,
  cwd,
  durationMs: getDurationMs(startTime),
  failed: false,
  timedOut: false,
  isCanceled: false,
  isGracefullyCanceled: false,
  isTerminated: false,
  isMaxBuffer: false,
  isForcefullyTerminated: false,
  exitCode: 0,
  stdout: stdio[1],
  stderr: stdio[2],
  all,
  stdio,
  ipcOutput,
  pipedFrom: []
});
var makeEarlyError = ({
  error: error2,
  command,
  escapedCommand,
  fileDescriptors,
  options: options2,
  startTime,
  isSync
}) => makeError({
  error: error2,
  command,
  escapedCommand,
  startTime,
  timedOut: false,
  isCanceled: false,
  isGracefullyCanceled: false,
  isMaxBuffer: false,
  isForcefullyTerminated: false,
  stdio: Array.from({ length: fileDescriptors.length }),
  ipcOutput: [],
  options: options2,
  isSync
});
var makeError = ({
  error: originalError,
  command,
  escapedCommand,
  startTime,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode: rawExitCode,
  signal: rawSignal,
  stdio,
  all,
  ipcOutput,
  options: {
    timeoutDuration,
    timeout = timeoutDuration,
    forceKillAfterDelay,
    killSignal,
    cwd,
    maxBuffer
  },
  isSync
}) => {
  const { exitCode, signal, signalDescription } = normalizeExitPayload(rawExitCode, rawSignal);
  const { originalMessage, shortMessage, message } = createMessages({
    stdio,
    all,
    ipcOutput,
    originalError,
    signal,
    signalDescription,
    exitCode,
    escapedCommand,
    timedOut,
    isCanceled,
    isGracefullyCanceled,
    isMaxBuffer,
    isForcefullyTerminated,
    forceKillAfterDelay,
    killSignal,
    maxBuffer,
    timeout,
    cwd
  });
  const error2 = getFinalError(originalError, message, isSync);
  Object.assign(error2, getErrorProperties({
    error: error2,
    command,
    escapedCommand,
    startTime,
    timedOut,
    isCanceled,
    isGracefullyCanceled,
    isMaxBuffer,
    isForcefullyTerminated,
    exitCode,
    signal,
    signalDescription,
    stdio,
    all,
    ipcOutput,
    cwd,
    originalMessage,
    shortMessage
  }));
  return error2;
};
var getErrorProperties = ({
  error: error2,
  command,
  escapedCommand,
  startTime,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode,
  signal,
  signalDescription,
  stdio,
  all,
  ipcOutput,
  cwd,
  originalMessage,
  shortMessage
}) => omitUndefinedProperties({
  shortMessage,
  originalMessage,
  command,
  escapedCommand,
  cwd,
  durationMs: getDurationMs(startTime),
  failed: true,
  timedOut,
  isCanceled,
  isGracefullyCanceled,
  isTerminated: signal !== void 0,
  isMaxBuffer,
  isForcefullyTerminated,
  exitCode,
  signal,
  signalDescription,
  code: error2.cause?.code,
  stdout: stdio[1],
  stderr: stdio[2],
  all,
  stdio,
  ipcOutput,
  pipedFrom: []
});
var omitUndefinedProperties = (result) => Object.fromEntries(Object.entries(result).filter(([, value2]) => value2 !== void 0));
var normalizeExitPayload = (rawExitCode, rawSignal) => {
  const exitCode = rawExitCode === null ? void 0 : rawExitCode;
  const signal = rawSignal === null ? void 0 : rawSignal;
  const signalDescription = signal === void 0 ? void 0 : getSignalDescription(rawSignal);
  return { exitCode, signal, signalDescription };
};

// node_modules/parse-ms/index.js
var toZeroIfInfinity = (value2) => Number.isFinite(value2) ? value2 : 0;
function parseNumber(milliseconds) {
  return {
    days: Math.trunc(milliseconds / 864e5),
    hours: Math.trunc(milliseconds / 36e5 % 24),
    minutes: Math.trunc(milliseconds / 6e4 % 60),
    seconds: Math.trunc(milliseconds / 1e3 % 60),
    milliseconds: Math.trunc(milliseconds % 1e3),
    microseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e3) % 1e3),
    nanoseconds: Math.trunc(toZeroIfInfinity(milliseconds * 1e6) % 1e3)
  };
}
function parseBigint(milliseconds) {
  return {
    days: milliseconds / 86400000n,
    hours: milliseconds / 3600000n % 24n,
    minutes: milliseconds / 60000n % 60n,
    seconds: milliseconds / 1000n % 60n,
    milliseconds: milliseconds % 1000n,
    microseconds: 0n,
    nanoseconds: 0n
  };
}
function parseMilliseconds(milliseconds) {
  switch (typeof milliseconds) {
    case "number": {
      if (Number.isFinite(milliseconds)) {
        return parseNumber(milliseconds);
      }
      break;
    }
    case "bigint": {
      return parseBigint(milliseconds);
    }
  }
  throw new TypeError("Expected a finite number or bigint");
}

// node_modules/pretty-ms/index.js
var isZero = (value2) => value2 === 0 || value2 === 0n;
var pluralize = (word, count2) => count2 === 1 || count2 === 1n ? word : `${word}s`;
var SECOND_ROUNDING_EPSILON = 1e-7;
var ONE_DAY_IN_MILLISECONDS = 24n * 60n * 60n * 1000n;
function prettyMilliseconds(milliseconds, options2) {
  const isBigInt = typeof milliseconds === "bigint";
  if (!isBigInt && !Number.isFinite(milliseconds)) {
    throw new TypeError("Expected a finite number or bigint");
  }
  options2 = { ...options2 };
  const sign = milliseconds < 0 ? "-" : "";
  milliseconds = milliseconds < 0 ? -milliseconds : milliseconds;
  if (options2.colonNotation) {
    options2.compact = false;
    options2.formatSubMilliseconds = false;
    options2.separateMilliseconds = false;
    options2.verbose = false;
  }
  if (options2.compact) {
    options2.unitCount = 1;
    options2.secondsDecimalDigits = 0;
    options2.millisecondsDecimalDigits = 0;
  }
  let result = [];
  const floorDecimals = (value2, decimalDigits) => {
    const flooredInterimValue = Math.floor(value2 * 10 ** decimalDigits + SECOND_ROUNDING_EPSILON);
    const flooredValue = Math.round(flooredInterimValue) / 10 ** decimalDigits;
    return flooredValue.toFixed(decimalDigits);
  };
  const add = (value2, long, short, valueString) => {
    if ((result.length === 0 || !options2.colonNotation) && isZero(value2) && !(options2.colonNotation && short === "m")) {
      return;
    }
    valueString ??= String(value2);
    if (options2.colonNotation) {
      const wholeDigits = valueString.includes(".") ? valueString.split(".")[0].length : valueString.length;
      const minLength = result.length > 0 ? 2 : 1;
      valueString = "0".repeat(Math.max(0, minLength - wholeDigits)) + valueString;
    } else {
      valueString += options2.verbose ? " " + pluralize(long, value2) : short;
    }
    result.push(valueString);
  };
  const parsed = parseMilliseconds(milliseconds);
  const days = BigInt(parsed.days);
  if (options2.hideYearAndDays) {
    add(BigInt(days) * 24n + BigInt(parsed.hours), "hour", "h");
  } else {
    if (options2.hideYear) {
      add(days, "day", "d");
    } else {
      add(days / 365n, "year", "y");
      add(days % 365n, "day", "d");
    }
    add(Number(parsed.hours), "hour", "h");
  }
  add(Number(parsed.minutes), "minute", "m");
  if (!options2.hideSeconds) {
    if (options2.separateMilliseconds || options2.formatSubMilliseconds || !options2.colonNotation && milliseconds < 1e3 && !options2.subSecondsAsDecimals) {
      const seconds2 = Number(parsed.seconds);
      const milliseconds2 = Number(parsed.milliseconds);
      const microseconds = Number(parsed.microseconds);
      const nanoseconds = Number(parsed.nanoseconds);
      add(seconds2, "second", "s");
      if (options2.formatSubMilliseconds) {
        add(milliseconds2, "millisecond", "ms");
        add(microseconds, "microsecond", "µs");
        add(nanoseconds, "nanosecond", "ns");
      } else {
        const millisecondsAndBelow = milliseconds2 + microseconds / 1e3 + nanoseconds / 1e6;
        const millisecondsDecimalDigits = typeof options2.millisecondsDecimalDigits === "number" ? options2.millisecondsDecimalDigits : 0;
        const roundedMilliseconds = millisecondsAndBelow >= 1 ? Math.round(millisecondsAndBelow) : Math.ceil(millisecondsAndBelow);
        const maximumMilliseconds = 1e3 - 10 ** -millisecondsDecimalDigits;
        const millisecondsString = millisecondsDecimalDigits ? Math.min(millisecondsAndBelow, maximumMilliseconds).toFixed(millisecondsDecimalDigits) : Math.min(roundedMilliseconds, maximumMilliseconds);
        add(
          Number.parseFloat(millisecondsString),
          "millisecond",
          "ms",
          millisecondsString
        );
      }
    } else {
      const seconds2 = (isBigInt ? Number(milliseconds % ONE_DAY_IN_MILLISECONDS) : milliseconds) / 1e3 % 60;
      const secondsDecimalDigits = typeof options2.secondsDecimalDigits === "number" ? options2.secondsDecimalDigits : 1;
      const secondsFixed = floorDecimals(seconds2, secondsDecimalDigits);
      const secondsString = options2.keepDecimalsOnWholeSeconds ? secondsFixed : secondsFixed.replace(/\.0+$/, "");
      add(Number.parseFloat(secondsString), "second", "s", secondsString);
    }
  }
  if (result.length === 0) {
    return sign + "0" + (options2.verbose ? " milliseconds" : "ms");
  }
  const separator = options2.colonNotation ? ":" : " ";
  if (typeof options2.unitCount === "number") {
    result = result.slice(0, Math.max(options2.unitCount, 1));
  }
  return sign + result.join(separator);
}

// node_modules/execa/lib/verbose/error.js
var logError = (result, verboseInfo) => {
  if (result.failed) {
    verboseLog({
      type: "error",
      verboseMessage: result.shortMessage,
      verboseInfo,
      result
    });
  }
};

// node_modules/execa/lib/verbose/complete.js
var logResult = (result, verboseInfo) => {
  if (!isVerbose(verboseInfo)) {
    return;
  }
  logError(result, verboseInfo);
  logDuration(result, verboseInfo);
};
var logDuration = (result, verboseInfo) => {
  const verboseMessage = `(done in ${prettyMilliseconds(result.durationMs)})`;
  verboseLog({
    type: "duration",
    verboseMessage,
    verboseInfo,
    result
  });
};

// node_modules/execa/lib/return/reject.js
var handleResult = (result, verboseInfo, { reject }) => {
  logResult(result, verboseInfo);
  if (result.failed && reject) {
    throw result;
  }
  return result;
};

// node_modules/execa/lib/stdio/handle-sync.js
import { readFileSync as readFileSync2 } from "node:fs";

// node_modules/execa/lib/stdio/type.js
var getStdioItemType = (value2, optionName) => {
  if (isAsyncGenerator(value2)) {
    return "asyncGenerator";
  }
  if (isSyncGenerator(value2)) {
    return "generator";
  }
  if (isUrl(value2)) {
    return "fileUrl";
  }
  if (isFilePathObject(value2)) {
    return "filePath";
  }
  if (isWebStream(value2)) {
    return "webStream";
  }
  if (isStream(value2, { checkOpen: false })) {
    return "native";
  }
  if (isUint8Array(value2)) {
    return "uint8Array";
  }
  if (isAsyncIterableObject(value2)) {
    return "asyncIterable";
  }
  if (isIterableObject(value2)) {
    return "iterable";
  }
  if (isTransformStream(value2)) {
    return getTransformStreamType({ transform: value2 }, optionName);
  }
  if (isTransformOptions(value2)) {
    return getTransformObjectType(value2, optionName);
  }
  return "native";
};
var getTransformObjectType = (value2, optionName) => {
  if (isDuplexStream(value2.transform, { checkOpen: false })) {
    return getDuplexType(value2, optionName);
  }
  if (isTransformStream(value2.transform)) {
    return getTransformStreamType(value2, optionName);
  }
  return getGeneratorObjectType(value2, optionName);
};
var getDuplexType = (value2, optionName) => {
  validateNonGeneratorType(value2, optionName, "Duplex stream");
  return "duplex";
};
var getTransformStreamType = (value2, optionName) => {
  validateNonGeneratorType(value2, optionName, "web TransformStream");
  return "webTransform";
};
var validateNonGeneratorType = ({ final, binary, objectMode }, optionName, typeName3) => {
  checkUndefinedOption(final, `${optionName}.final`, typeName3);
  checkUndefinedOption(binary, `${optionName}.binary`, typeName3);
  checkBooleanOption(objectMode, `${optionName}.objectMode`);
};
var checkUndefinedOption = (value2, optionName, typeName3) => {
  if (value2 !== void 0) {
    throw new TypeError(`The \`${optionName}\` option can only be defined when using a generator, not a ${typeName3}.`);
  }
};
var getGeneratorObjectType = ({ transform, final, binary, objectMode }, optionName) => {
  if (transform !== void 0 && !isGenerator(transform)) {
    throw new TypeError(`The \`${optionName}.transform\` option must be a generator, a Duplex stream or a web TransformStream.`);
  }
  if (isDuplexStream(final, { checkOpen: false })) {
    throw new TypeError(`The \`${optionName}.final\` option must not be a Duplex stream.`);
  }
  if (isTransformStream(final)) {
    throw new TypeError(`The \`${optionName}.final\` option must not be a web TransformStream.`);
  }
  if (final !== void 0 && !isGenerator(final)) {
    throw new TypeError(`The \`${optionName}.final\` option must be a generator.`);
  }
  checkBooleanOption(binary, `${optionName}.binary`);
  checkBooleanOption(objectMode, `${optionName}.objectMode`);
  return isAsyncGenerator(transform) || isAsyncGenerator(final) ? "asyncGenerator" : "generator";
};
var checkBooleanOption = (value2, optionName) => {
  if (value2 !== void 0 && typeof value2 !== "boolean") {
    throw new TypeError(`The \`${optionName}\` option must use a boolean.`);
  }
};
var isGenerator = (value2) => isAsyncGenerator(value2) || isSyncGenerator(value2);
var isAsyncGenerator = (value2) => Object.prototype.toString.call(value2) === "[object AsyncGeneratorFunction]";
var isSyncGenerator = (value2) => Object.prototype.toString.call(value2) === "[object GeneratorFunction]";
var isTransformOptions = (value2) => isPlainObject(value2) && (value2.transform !== void 0 || value2.final !== void 0);
var isUrl = (value2) => Object.prototype.toString.call(value2) === "[object URL]";
var isRegularUrl = (value2) => isUrl(value2) && value2.protocol !== "file:";
var isFilePathObject = (value2) => isPlainObject(value2) && Object.keys(value2).length > 0 && Object.keys(value2).every((key2) => FILE_PATH_KEYS.has(key2)) && isFilePathString(value2.file);
var FILE_PATH_KEYS = /* @__PURE__ */ new Set(["file", "append"]);
var isFilePathString = (file) => typeof file === "string";
var isUnknownStdioString = (type, value2) => type === "native" && typeof value2 === "string" && !KNOWN_STDIO_STRINGS.has(value2);
var KNOWN_STDIO_STRINGS = /* @__PURE__ */ new Set(["ipc", "ignore", "inherit", "overlapped", "pipe"]);
var isReadableStream2 = (value2) => Object.prototype.toString.call(value2) === "[object ReadableStream]";
var isWritableStream2 = (value2) => Object.prototype.toString.call(value2) === "[object WritableStream]";
var isWebStream = (value2) => isReadableStream2(value2) || isWritableStream2(value2);
var isTransformStream = (value2) => isReadableStream2(value2?.readable) && isWritableStream2(value2?.writable);
var isAsyncIterableObject = (value2) => isObject(value2) && typeof value2[Symbol.asyncIterator] === "function";
var isIterableObject = (value2) => isObject(value2) && typeof value2[Symbol.iterator] === "function";
var isObject = (value2) => typeof value2 === "object" && value2 !== null;
var TRANSFORM_TYPES = /* @__PURE__ */ new Set(["generator", "asyncGenerator", "duplex", "webTransform"]);
var FILE_TYPES = /* @__PURE__ */ new Set(["fileUrl", "filePath", "fileNumber"]);
var SPECIAL_DUPLICATE_TYPES_SYNC = /* @__PURE__ */ new Set(["fileUrl", "filePath"]);
var SPECIAL_DUPLICATE_TYPES = /* @__PURE__ */ new Set([...SPECIAL_DUPLICATE_TYPES_SYNC, "webStream", "nodeStream"]);
var FORBID_DUPLICATE_TYPES = /* @__PURE__ */ new Set(["webTransform", "duplex"]);
var TYPE_TO_MESSAGE = {
  generator: "a generator",
  asyncGenerator: "an async generator",
  fileUrl: "a file URL",
  filePath: "a file path string",
  fileNumber: "a file descriptor number",
  webStream: "a web stream",
  nodeStream: "a Node.js stream",
  webTransform: "a web TransformStream",
  duplex: "a Duplex stream",
  native: "any value",
  iterable: "an iterable",
  asyncIterable: "an async iterable",
  string: "a string",
  uint8Array: "a Uint8Array"
};

// node_modules/execa/lib/transform/object-mode.js
var getTransformObjectModes = (objectMode, index, newTransforms, direction) => direction === "output" ? getOutputObjectModes(objectMode, index, newTransforms) : getInputObjectModes(objectMode, index, newTransforms);
var getOutputObjectModes = (objectMode, index, newTransforms) => {
  const writableObjectMode = index !== 0 && newTransforms[index - 1].value.readableObjectMode;
  const readableObjectMode = objectMode ?? writableObjectMode;
  return { writableObjectMode, readableObjectMode };
};
var getInputObjectModes = (objectMode, index, newTransforms) => {
  const writableObjectMode = index === 0 ? objectMode === true : newTransforms[index - 1].value.readableObjectMode;
  const readableObjectMode = index !== newTransforms.length - 1 && (objectMode ?? writableObjectMode);
  return { writableObjectMode, readableObjectMode };
};
var getFdObjectMode = (stdioItems, direction) => {
  const lastTransform = stdioItems.findLast(({ type }) => TRANSFORM_TYPES.has(type));
  if (lastTransform === void 0) {
    return false;
  }
  return direction === "input" ? lastTransform.value.writableObjectMode : lastTransform.value.readableObjectMode;
};

// node_modules/execa/lib/transform/normalize.js
var normalizeTransforms = (stdioItems, optionName, direction, options2) => [
  ...stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type)),
  ...getTransforms(stdioItems, optionName, direction, options2)
];
var getTransforms = (stdioItems, optionName, direction, { encoding }) => {
  const transforms = stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type));
  const newTransforms = Array.from({ length: transforms.length });
  for (const [index, stdioItem] of Object.entries(transforms)) {
    newTransforms[index] = normalizeTransform({
      stdioItem,
      index: Number(index),
      newTransforms,
      optionName,
      direction,
      encoding
    });
  }
  return sortTransforms(newTransforms, direction);
};
var normalizeTransform = ({ stdioItem, stdioItem: { type }, index, newTransforms, optionName, direction, encoding }) => {
  if (type === "duplex") {
    return normalizeDuplex({ stdioItem, optionName });
  }
  if (type === "webTransform") {
    return normalizeTransformStream({
      stdioItem,
      index,
      newTransforms,
      direction
    });
  }
  return normalizeGenerator({
    stdioItem,
    index,
    newTransforms,
    direction,
    encoding
  });
};
var normalizeDuplex = ({
  stdioItem,
  stdioItem: {
    value: {
      transform,
      transform: { writableObjectMode, readableObjectMode },
      objectMode = readableObjectMode
    }
  },
  optionName
}) => {
  if (objectMode && !readableObjectMode) {
    throw new TypeError(`The \`${optionName}.objectMode\` option can only be \`true\` if \`new Duplex({objectMode: true})\` is used.`);
  }
  if (!objectMode && readableObjectMode) {
    throw new TypeError(`The \`${optionName}.objectMode\` option cannot be \`false\` if \`new Duplex({objectMode: true})\` is used.`);
  }
  return {
    ...stdioItem,
    value: { transform, writableObjectMode, readableObjectMode }
  };
};
var normalizeTransformStream = ({ stdioItem, stdioItem: { value: value2 }, index, newTransforms, direction }) => {
  const { transform, objectMode } = isPlainObject(value2) ? value2 : { transform: value2 };
  const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
  return {
    ...stdioItem,
    value: { transform, writableObjectMode, readableObjectMode }
  };
};
var normalizeGenerator = ({ stdioItem, stdioItem: { value: value2 }, index, newTransforms, direction, encoding }) => {
  const {
    transform,
    final,
    binary: binaryOption = false,
    preserveNewlines = false,
    objectMode
  } = isPlainObject(value2) ? value2 : { transform: value2 };
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { writableObjectMode, readableObjectMode } = getTransformObjectModes(objectMode, index, newTransforms, direction);
  return {
    ...stdioItem,
    value: {
      transform,
      final,
      binary,
      preserveNewlines,
      writableObjectMode,
      readableObjectMode
    }
  };
};
var sortTransforms = (newTransforms, direction) => direction === "input" ? newTransforms.reverse() : newTransforms;

// node_modules/execa/lib/stdio/direction.js
import process7 from "node:process";
var getStreamDirection = (stdioItems, fdNumber, optionName) => {
  const directions = stdioItems.map((stdioItem) => getStdioItemDirection(stdioItem, fdNumber));
  if (directions.includes("input") && directions.includes("output")) {
    throw new TypeError(`The \`${optionName}\` option must not be an array of both readable and writable values.`);
  }
  return directions.find(Boolean) ?? DEFAULT_DIRECTION;
};
var getStdioItemDirection = ({ type, value: value2 }, fdNumber) => KNOWN_DIRECTIONS[fdNumber] ?? guessStreamDirection[type](value2);
var KNOWN_DIRECTIONS = ["input", "output", "output"];
var anyDirection = () => void 0;
var alwaysInput = () => "input";
var guessStreamDirection = {
  generator: anyDirection,
  asyncGenerator: anyDirection,
  fileUrl: anyDirection,
  filePath: anyDirection,
  iterable: alwaysInput,
  asyncIterable: alwaysInput,
  uint8Array: alwaysInput,
  webStream: (value2) => isWritableStream2(value2) ? "output" : "input",
  nodeStream(value2) {
    if (!isReadableStream(value2, { checkOpen: false })) {
      return "output";
    }
    return isWritableStream(value2, { checkOpen: false }) ? void 0 : "input";
  },
  webTransform: anyDirection,
  duplex: anyDirection,
  native(value2) {
    const standardStreamDirection = getStandardStreamDirection(value2);
    if (standardStreamDirection !== void 0) {
      return standardStreamDirection;
    }
    if (isStream(value2, { checkOpen: false })) {
      return guessStreamDirection.nodeStream(value2);
    }
  }
};
var getStandardStreamDirection = (value2) => {
  if ([0, process7.stdin].includes(value2)) {
    return "input";
  }
  if ([1, 2, process7.stdout, process7.stderr].includes(value2)) {
    return "output";
  }
};
var DEFAULT_DIRECTION = "output";

// node_modules/execa/lib/ipc/array.js
var normalizeIpcStdioArray = (stdioArray, ipc) => ipc && !stdioArray.includes("ipc") ? [...stdioArray, "ipc"] : stdioArray;

// node_modules/execa/lib/stdio/stdio-option.js
var normalizeStdioOption = ({ stdio, ipc, buffer, ...options2 }, verboseInfo, isSync) => {
  const stdioArray = getStdioArray(stdio, options2).map((stdioOption, fdNumber) => addDefaultValue2(stdioOption, fdNumber));
  return isSync ? normalizeStdioSync(stdioArray, buffer, verboseInfo) : normalizeIpcStdioArray(stdioArray, ipc);
};
var getStdioArray = (stdio, options2) => {
  if (stdio === void 0) {
    return STANDARD_STREAMS_ALIASES.map((alias) => options2[alias]);
  }
  if (hasAlias(options2)) {
    throw new Error(`It's not possible to provide \`stdio\` in combination with one of ${STANDARD_STREAMS_ALIASES.map((alias) => `\`${alias}\``).join(", ")}`);
  }
  if (typeof stdio === "string") {
    return [stdio, stdio, stdio];
  }
  if (!Array.isArray(stdio)) {
    throw new TypeError(`Expected \`stdio\` to be of type \`string\` or \`Array\`, got \`${typeof stdio}\``);
  }
  const length = Math.max(stdio.length, STANDARD_STREAMS_ALIASES.length);
  return Array.from({ length }, (_, fdNumber) => stdio[fdNumber]);
};
var hasAlias = (options2) => STANDARD_STREAMS_ALIASES.some((alias) => options2[alias] !== void 0);
var addDefaultValue2 = (stdioOption, fdNumber) => {
  if (Array.isArray(stdioOption)) {
    return stdioOption.map((item) => addDefaultValue2(item, fdNumber));
  }
  if (stdioOption === null || stdioOption === void 0) {
    return fdNumber >= STANDARD_STREAMS_ALIASES.length ? "ignore" : "pipe";
  }
  return stdioOption;
};
var normalizeStdioSync = (stdioArray, buffer, verboseInfo) => stdioArray.map((stdioOption, fdNumber) => !buffer[fdNumber] && fdNumber !== 0 && !isFullVerbose(verboseInfo, fdNumber) && isOutputPipeOnly(stdioOption) ? "ignore" : stdioOption);
var isOutputPipeOnly = (stdioOption) => stdioOption === "pipe" || Array.isArray(stdioOption) && stdioOption.every((item) => item === "pipe");

// node_modules/execa/lib/stdio/native.js
import { readFileSync } from "node:fs";
import tty2 from "node:tty";
var handleNativeStream = ({ stdioItem, stdioItem: { type }, isStdioArray, fdNumber, direction, isSync }) => {
  if (!isStdioArray || type !== "native") {
    return stdioItem;
  }
  return isSync ? handleNativeStreamSync({ stdioItem, fdNumber, direction }) : handleNativeStreamAsync({ stdioItem, fdNumber });
};
var handleNativeStreamSync = ({ stdioItem, stdioItem: { value: value2, optionName }, fdNumber, direction }) => {
  const targetFd = getTargetFd({
    value: value2,
    optionName,
    fdNumber,
    direction
  });
  if (targetFd !== void 0) {
    return targetFd;
  }
  if (isStream(value2, { checkOpen: false })) {
    throw new TypeError(`The \`${optionName}: Stream\` option cannot both be an array and include a stream with synchronous methods.`);
  }
  return stdioItem;
};
var getTargetFd = ({ value: value2, optionName, fdNumber, direction }) => {
  const targetFdNumber = getTargetFdNumber(value2, fdNumber);
  if (targetFdNumber === void 0) {
    return;
  }
  if (direction === "output") {
    return { type: "fileNumber", value: targetFdNumber, optionName };
  }
  if (tty2.isatty(targetFdNumber)) {
    throw new TypeError(`The \`${optionName}: ${serializeOptionValue(value2)}\` option is invalid: it cannot be a TTY with synchronous methods.`);
  }
  return { type: "uint8Array", value: bufferToUint8Array(readFileSync(targetFdNumber)), optionName };
};
var getTargetFdNumber = (value2, fdNumber) => {
  if (value2 === "inherit") {
    return fdNumber;
  }
  if (typeof value2 === "number") {
    return value2;
  }
  const standardStreamIndex = STANDARD_STREAMS.indexOf(value2);
  if (standardStreamIndex !== -1) {
    return standardStreamIndex;
  }
};
var handleNativeStreamAsync = ({ stdioItem, stdioItem: { value: value2, optionName }, fdNumber }) => {
  if (value2 === "inherit") {
    return { type: "nodeStream", value: getStandardStream(fdNumber, value2, optionName), optionName };
  }
  if (typeof value2 === "number") {
    return { type: "nodeStream", value: getStandardStream(value2, value2, optionName), optionName };
  }
  if (isStream(value2, { checkOpen: false })) {
    return { type: "nodeStream", value: value2, optionName };
  }
  return stdioItem;
};
var getStandardStream = (fdNumber, value2, optionName) => {
  const standardStream = STANDARD_STREAMS[fdNumber];
  if (standardStream === void 0) {
    throw new TypeError(`The \`${optionName}: ${value2}\` option is invalid: no such standard stream.`);
  }
  return standardStream;
};

// node_modules/execa/lib/stdio/input-option.js
var handleInputOptions = ({ input, inputFile }, fdNumber) => fdNumber === 0 ? [
  ...handleInputOption(input),
  ...handleInputFileOption(inputFile)
] : [];
var handleInputOption = (input) => input === void 0 ? [] : [{
  type: getInputType(input),
  value: input,
  optionName: "input"
}];
var getInputType = (input) => {
  if (isReadableStream(input, { checkOpen: false })) {
    return "nodeStream";
  }
  if (typeof input === "string") {
    return "string";
  }
  if (isUint8Array(input)) {
    return "uint8Array";
  }
  throw new Error("The `input` option must be a string, a Uint8Array or a Node.js Readable stream.");
};
var handleInputFileOption = (inputFile) => inputFile === void 0 ? [] : [{
  ...getInputFileType(inputFile),
  optionName: "inputFile"
}];
var getInputFileType = (inputFile) => {
  if (isUrl(inputFile)) {
    return { type: "fileUrl", value: inputFile };
  }
  if (isFilePathString(inputFile)) {
    return { type: "filePath", value: { file: inputFile } };
  }
  throw new Error("The `inputFile` option must be a file path string or a file URL.");
};

// node_modules/execa/lib/stdio/duplicate.js
var filterDuplicates = (stdioItems) => stdioItems.filter((stdioItemOne, indexOne) => stdioItems.every((stdioItemTwo, indexTwo) => stdioItemOne.value !== stdioItemTwo.value || indexOne >= indexTwo || stdioItemOne.type === "generator" || stdioItemOne.type === "asyncGenerator"));
var getDuplicateStream = ({ stdioItem: { type, value: value2, optionName }, direction, fileDescriptors, isSync }) => {
  const otherStdioItems = getOtherStdioItems(fileDescriptors, type);
  if (otherStdioItems.length === 0) {
    return;
  }
  if (isSync) {
    validateDuplicateStreamSync({
      otherStdioItems,
      type,
      value: value2,
      optionName,
      direction
    });
    return;
  }
  if (SPECIAL_DUPLICATE_TYPES.has(type)) {
    return getDuplicateStreamInstance({
      otherStdioItems,
      type,
      value: value2,
      optionName,
      direction
    });
  }
  if (FORBID_DUPLICATE_TYPES.has(type)) {
    validateDuplicateTransform({
      otherStdioItems,
      type,
      value: value2,
      optionName
    });
  }
};
var getOtherStdioItems = (fileDescriptors, type) => fileDescriptors.flatMap(({ direction, stdioItems }) => stdioItems.filter((stdioItem) => stdioItem.type === type).map(((stdioItem) => ({ ...stdioItem, direction }))));
var validateDuplicateStreamSync = ({ otherStdioItems, type, value: value2, optionName, direction }) => {
  if (SPECIAL_DUPLICATE_TYPES_SYNC.has(type)) {
    getDuplicateStreamInstance({
      otherStdioItems,
      type,
      value: value2,
      optionName,
      direction
    });
  }
};
var getDuplicateStreamInstance = ({ otherStdioItems, type, value: value2, optionName, direction }) => {
  const duplicateStdioItems = otherStdioItems.filter((stdioItem) => hasSameValue(stdioItem, value2));
  if (duplicateStdioItems.length === 0) {
    return;
  }
  const differentStdioItem = duplicateStdioItems.find((stdioItem) => stdioItem.direction !== direction);
  throwOnDuplicateStream(differentStdioItem, optionName, type);
  return direction === "output" ? duplicateStdioItems[0].stream : void 0;
};
var hasSameValue = ({ type, value: value2 }, secondValue) => {
  if (type === "filePath") {
    return value2.file === secondValue.file;
  }
  if (type === "fileUrl") {
    return value2.href === secondValue.href;
  }
  return value2 === secondValue;
};
var validateDuplicateTransform = ({ otherStdioItems, type, value: value2, optionName }) => {
  const duplicateStdioItem = otherStdioItems.find(({ value: { transform } }) => transform === value2.transform);
  throwOnDuplicateStream(duplicateStdioItem, optionName, type);
};
var throwOnDuplicateStream = (stdioItem, optionName, type) => {
  if (stdioItem !== void 0) {
    throw new TypeError(`The \`${stdioItem.optionName}\` and \`${optionName}\` options must not target ${TYPE_TO_MESSAGE[type]} that is the same.`);
  }
};

// node_modules/execa/lib/stdio/handle.js
var handleStdio = (addProperties3, options2, verboseInfo, isSync) => {
  const stdio = normalizeStdioOption(options2, verboseInfo, isSync);
  const initialFileDescriptors = stdio.map((stdioOption, fdNumber) => getFileDescriptor({
    stdioOption,
    fdNumber,
    options: options2,
    isSync
  }));
  const fileDescriptors = getFinalFileDescriptors({
    initialFileDescriptors,
    addProperties: addProperties3,
    options: options2,
    isSync
  });
  options2.stdio = fileDescriptors.map(({ stdioItems }) => forwardStdio(stdioItems));
  return fileDescriptors;
};
var getFileDescriptor = ({ stdioOption, fdNumber, options: options2, isSync }) => {
  const optionName = getStreamName(fdNumber);
  const { stdioItems: initialStdioItems, isStdioArray } = initializeStdioItems({
    stdioOption,
    fdNumber,
    options: options2,
    optionName
  });
  const direction = getStreamDirection(initialStdioItems, fdNumber, optionName);
  const stdioItems = initialStdioItems.map((stdioItem) => handleNativeStream({
    stdioItem,
    isStdioArray,
    fdNumber,
    direction,
    isSync
  }));
  const normalizedStdioItems = normalizeTransforms(stdioItems, optionName, direction, options2);
  const objectMode = getFdObjectMode(normalizedStdioItems, direction);
  validateFileObjectMode(normalizedStdioItems, objectMode);
  return { direction, objectMode, stdioItems: normalizedStdioItems };
};
var initializeStdioItems = ({ stdioOption, fdNumber, options: options2, optionName }) => {
  const values = Array.isArray(stdioOption) ? stdioOption : [stdioOption];
  const initialStdioItems = [
    ...values.map((value2) => initializeStdioItem(value2, optionName)),
    ...handleInputOptions(options2, fdNumber)
  ];
  const stdioItems = filterDuplicates(initialStdioItems);
  const isStdioArray = stdioItems.length > 1;
  validateStdioArray(stdioItems, isStdioArray, optionName);
  validateStreams(stdioItems);
  return { stdioItems, isStdioArray };
};
var initializeStdioItem = (value2, optionName) => ({
  type: getStdioItemType(value2, optionName),
  value: value2,
  optionName
});
var validateStdioArray = (stdioItems, isStdioArray, optionName) => {
  if (stdioItems.length === 0) {
    throw new TypeError(`The \`${optionName}\` option must not be an empty array.`);
  }
  if (!isStdioArray) {
    return;
  }
  for (const { value: value2, optionName: optionName2 } of stdioItems) {
    if (INVALID_STDIO_ARRAY_OPTIONS.has(value2)) {
      throw new Error(`The \`${optionName2}\` option must not include \`${value2}\`.`);
    }
  }
};
var INVALID_STDIO_ARRAY_OPTIONS = /* @__PURE__ */ new Set(["ignore", "ipc"]);
var validateStreams = (stdioItems) => {
  for (const stdioItem of stdioItems) {
    validateFileStdio(stdioItem);
  }
};
var validateFileStdio = ({ type, value: value2, optionName }) => {
  if (isRegularUrl(value2)) {
    throw new TypeError(`The \`${optionName}: URL\` option must use the \`file:\` scheme.
For example, you can use the \`pathToFileURL()\` method of the \`url\` core module.`);
  }
  if (isUnknownStdioString(type, value2)) {
    throw new TypeError(`The \`${optionName}: { file: '...' }\` option must be used instead of \`${optionName}: '...'\`.`);
  }
};
var validateFileObjectMode = (stdioItems, objectMode) => {
  if (!objectMode) {
    return;
  }
  const fileStdioItem = stdioItems.find(({ type }) => FILE_TYPES.has(type));
  if (fileStdioItem !== void 0) {
    throw new TypeError(`The \`${fileStdioItem.optionName}\` option cannot use both files and transforms in objectMode.`);
  }
};
var getFinalFileDescriptors = ({ initialFileDescriptors, addProperties: addProperties3, options: options2, isSync }) => {
  const fileDescriptors = [];
  try {
    for (const fileDescriptor of initialFileDescriptors) {
      fileDescriptors.push(getFinalFileDescriptor({
        fileDescriptor,
        fileDescriptors,
        addProperties: addProperties3,
        options: options2,
        isSync
      }));
    }
    return fileDescriptors;
  } catch (error2) {
    cleanupCustomStreams(fileDescriptors);
    throw error2;
  }
};
var getFinalFileDescriptor = ({
  fileDescriptor: { direction, objectMode, stdioItems },
  fileDescriptors,
  addProperties: addProperties3,
  options: options2,
  isSync
}) => {
  const finalStdioItems = stdioItems.map((stdioItem) => addStreamProperties({
    stdioItem,
    addProperties: addProperties3,
    direction,
    options: options2,
    fileDescriptors,
    isSync
  }));
  return { direction, objectMode, stdioItems: finalStdioItems };
};
var addStreamProperties = ({ stdioItem, addProperties: addProperties3, direction, options: options2, fileDescriptors, isSync }) => {
  const duplicateStream = getDuplicateStream({
    stdioItem,
    direction,
    fileDescriptors,
    isSync
  });
  if (duplicateStream !== void 0) {
    return { ...stdioItem, stream: duplicateStream };
  }
  return {
    ...stdioItem,
    ...addProperties3[direction][stdioItem.type](stdioItem, options2)
  };
};
var cleanupCustomStreams = (fileDescriptors) => {
  for (const { stdioItems } of fileDescriptors) {
    for (const { stream } of stdioItems) {
      if (stream !== void 0 && !isStandardStream(stream)) {
        stream.destroy();
      }
    }
  }
};
var forwardStdio = (stdioItems) => {
  if (stdioItems.length > 1) {
    return stdioItems.some(({ value: value3 }) => value3 === "overlapped") ? "overlapped" : "pipe";
  }
  const [{ type, value: value2 }] = stdioItems;
  return type === "native" ? value2 : "pipe";
};

// node_modules/execa/lib/stdio/handle-sync.js
var handleStdioSync = (options2, verboseInfo) => handleStdio(addPropertiesSync, options2, verboseInfo, true);
var forbiddenIfSync = ({ type, optionName }) => {
  throwInvalidSyncValue(optionName, TYPE_TO_MESSAGE[type]);
};
var forbiddenNativeIfSync = ({ optionName, value: value2 }) => {
  if (value2 === "ipc" || value2 === "overlapped") {
    throwInvalidSyncValue(optionName, `"${value2}"`);
  }
  return {};
};
var throwInvalidSyncValue = (optionName, value2) => {
  throw new TypeError(`The \`${optionName}\` option cannot be ${value2} with synchronous methods.`);
};
var addProperties = {
  generator() {
  },
  asyncGenerator: forbiddenIfSync,
  webStream: forbiddenIfSync,
  nodeStream: forbiddenIfSync,
  webTransform: forbiddenIfSync,
  duplex: forbiddenIfSync,
  asyncIterable: forbiddenIfSync,
  native: forbiddenNativeIfSync
};
var addPropertiesSync = {
  input: {
    ...addProperties,
    fileUrl: ({ value: value2 }) => ({ contents: [bufferToUint8Array(readFileSync2(value2))] }),
    filePath: ({ value: { file } }) => ({ contents: [bufferToUint8Array(readFileSync2(file))] }),
    fileNumber: forbiddenIfSync,
    iterable: ({ value: value2 }) => ({ contents: [...value2] }),
    string: ({ value: value2 }) => ({ contents: [value2] }),
    uint8Array: ({ value: value2 }) => ({ contents: [value2] })
  },
  output: {
    ...addProperties,
    fileUrl: ({ value: value2 }) => ({ path: value2 }),
    filePath: ({ value: { file, append } }) => ({ path: file, append }),
    fileNumber: ({ value: value2 }) => ({ path: value2 }),
    iterable: forbiddenIfSync,
    string: forbiddenIfSync,
    uint8Array: forbiddenIfSync
  }
};

// node_modules/execa/lib/io/strip-newline.js
var stripNewline = (value2, { stripFinalNewline: stripFinalNewline2 }, fdNumber) => getStripFinalNewline(stripFinalNewline2, fdNumber) && value2 !== void 0 && !Array.isArray(value2) ? stripFinalNewline(value2) : value2;
var getStripFinalNewline = (stripFinalNewline2, fdNumber) => fdNumber === "all" ? stripFinalNewline2[1] || stripFinalNewline2[2] : stripFinalNewline2[fdNumber];

// node_modules/execa/lib/transform/generator.js
import { Transform, getDefaultHighWaterMark } from "node:stream";

// node_modules/execa/lib/transform/split.js
var getSplitLinesGenerator = (binary, preserveNewlines, skipped, state) => binary || skipped ? void 0 : initializeSplitLines(preserveNewlines, state);
var splitLinesSync = (chunk, preserveNewlines, objectMode) => objectMode ? chunk.flatMap((item) => splitLinesItemSync(item, preserveNewlines)) : splitLinesItemSync(chunk, preserveNewlines);
var splitLinesItemSync = (chunk, preserveNewlines) => {
  const { transform, final } = initializeSplitLines(preserveNewlines, {});
  return [...transform(chunk), ...final()];
};
var initializeSplitLines = (preserveNewlines, state) => {
  state.previousChunks = "";
  return {
    transform: splitGenerator.bind(void 0, state, preserveNewlines),
    final: linesFinal.bind(void 0, state)
  };
};
var splitGenerator = function* (state, preserveNewlines, chunk) {
  if (typeof chunk !== "string") {
    yield chunk;
    return;
  }
  let { previousChunks } = state;
  let start = -1;
  for (let end = 0; end < chunk.length; end += 1) {
    if (chunk[end] === "\n") {
      const newlineLength = getNewlineLength(chunk, end, preserveNewlines, state);
      let line = chunk.slice(start + 1, end + 1 - newlineLength);
      if (previousChunks.length > 0) {
        line = concatString(previousChunks, line);
        previousChunks = "";
      }
      yield line;
      start = end;
    }
  }
  if (start !== chunk.length - 1) {
    previousChunks = concatString(previousChunks, chunk.slice(start + 1));
  }
  state.previousChunks = previousChunks;
};
var getNewlineLength = (chunk, end, preserveNewlines, state) => {
  if (preserveNewlines) {
    return 0;
  }
  state.isWindowsNewline = end !== 0 && chunk[end - 1] === "\r";
  return state.isWindowsNewline ? 2 : 1;
};
var linesFinal = function* ({ previousChunks }) {
  if (previousChunks.length > 0) {
    yield previousChunks;
  }
};
var getAppendNewlineGenerator = ({ binary, preserveNewlines, readableObjectMode, state }) => binary || preserveNewlines || readableObjectMode ? void 0 : { transform: appendNewlineGenerator.bind(void 0, state) };
var appendNewlineGenerator = function* ({ isWindowsNewline = false }, chunk) {
  const { unixNewline, windowsNewline, LF: LF2, concatBytes } = typeof chunk === "string" ? linesStringInfo : linesUint8ArrayInfo;
  if (chunk.at(-1) === LF2) {
    yield chunk;
    return;
  }
  const newline = isWindowsNewline ? windowsNewline : unixNewline;
  yield concatBytes(chunk, newline);
};
var concatString = (firstChunk, secondChunk) => `${firstChunk}${secondChunk}`;
var linesStringInfo = {
  windowsNewline: "\r\n",
  unixNewline: "\n",
  LF: "\n",
  concatBytes: concatString
};
var concatUint8Array = (firstChunk, secondChunk) => {
  const chunk = new Uint8Array(firstChunk.length + secondChunk.length);
  chunk.set(firstChunk, 0);
  chunk.set(secondChunk, firstChunk.length);
  return chunk;
};
var linesUint8ArrayInfo = {
  windowsNewline: new Uint8Array([13, 10]),
  unixNewline: new Uint8Array([10]),
  LF: 10,
  concatBytes: concatUint8Array
};

// node_modules/execa/lib/transform/validate.js
import { Buffer as Buffer2 } from "node:buffer";
var getValidateTransformInput = (writableObjectMode, optionName) => writableObjectMode ? void 0 : validateStringTransformInput.bind(void 0, optionName);
var validateStringTransformInput = function* (optionName, chunk) {
  if (typeof chunk !== "string" && !isUint8Array(chunk) && !Buffer2.isBuffer(chunk)) {
    throw new TypeError(`The \`${optionName}\` option's transform must use "objectMode: true" to receive as input: ${typeof chunk}.`);
  }
  yield chunk;
};
var getValidateTransformReturn = (readableObjectMode, optionName) => readableObjectMode ? validateObjectTransformReturn.bind(void 0, optionName) : validateStringTransformReturn.bind(void 0, optionName);
var validateObjectTransformReturn = function* (optionName, chunk) {
  validateEmptyReturn(optionName, chunk);
  yield chunk;
};
var validateStringTransformReturn = function* (optionName, chunk) {
  validateEmptyReturn(optionName, chunk);
  if (typeof chunk !== "string" && !isUint8Array(chunk)) {
    throw new TypeError(`The \`${optionName}\` option's function must yield a string or an Uint8Array, not ${typeof chunk}.`);
  }
  yield chunk;
};
var validateEmptyReturn = (optionName, chunk) => {
  if (chunk === null || chunk === void 0) {
    throw new TypeError(`The \`${optionName}\` option's function must not call \`yield ${chunk}\`.
Instead, \`yield\` should either be called with a value, or not be called at all. For example:
  if (condition) { yield value; }`);
  }
};

// node_modules/execa/lib/transform/encoding-transform.js
import { Buffer as Buffer3 } from "node:buffer";
import { StringDecoder as StringDecoder2 } from "node:string_decoder";
var getEncodingTransformGenerator = (binary, encoding, skipped) => {
  if (skipped) {
    return;
  }
  if (binary) {
    return { transform: encodingUint8ArrayGenerator.bind(void 0, new TextEncoder()) };
  }
  const stringDecoder = new StringDecoder2(encoding);
  return {
    transform: encodingStringGenerator.bind(void 0, stringDecoder),
    final: encodingStringFinal.bind(void 0, stringDecoder)
  };
};
var encodingUint8ArrayGenerator = function* (textEncoder3, chunk) {
  if (Buffer3.isBuffer(chunk)) {
    yield bufferToUint8Array(chunk);
  } else if (typeof chunk === "string") {
    yield textEncoder3.encode(chunk);
  } else {
    yield chunk;
  }
};
var encodingStringGenerator = function* (stringDecoder, chunk) {
  yield isUint8Array(chunk) ? stringDecoder.write(chunk) : chunk;
};
var encodingStringFinal = function* (stringDecoder) {
  const lastChunk = stringDecoder.end();
  if (lastChunk !== "") {
    yield lastChunk;
  }
};

// node_modules/execa/lib/transform/run-async.js
import { callbackify } from "node:util";
var pushChunks = callbackify(async (getChunks, state, getChunksArguments, transformStream) => {
  state.currentIterable = getChunks(...getChunksArguments);
  try {
    for await (const chunk of state.currentIterable) {
      transformStream.push(chunk);
    }
  } finally {
    delete state.currentIterable;
  }
});
var transformChunk = async function* (chunk, generators, index) {
  if (index === generators.length) {
    yield chunk;
    return;
  }
  const { transform = identityGenerator } = generators[index];
  for await (const transformedChunk of transform(chunk)) {
    yield* transformChunk(transformedChunk, generators, index + 1);
  }
};
var finalChunks = async function* (generators) {
  for (const [index, { final }] of Object.entries(generators)) {
    yield* generatorFinalChunks(final, Number(index), generators);
  }
};
var generatorFinalChunks = async function* (final, index, generators) {
  if (final === void 0) {
    return;
  }
  for await (const finalChunk of final()) {
    yield* transformChunk(finalChunk, generators, index + 1);
  }
};
var destroyTransform = callbackify(async ({ currentIterable }, error2) => {
  if (currentIterable !== void 0) {
    await (error2 ? currentIterable.throw(error2) : currentIterable.return());
    return;
  }
  if (error2) {
    throw error2;
  }
});
var identityGenerator = function* (chunk) {
  yield chunk;
};

// node_modules/execa/lib/transform/run-sync.js
var pushChunksSync = (getChunksSync, getChunksArguments, transformStream, done) => {
  try {
    for (const chunk of getChunksSync(...getChunksArguments)) {
      transformStream.push(chunk);
    }
    done();
  } catch (error2) {
    done(error2);
  }
};
var runTransformSync = (generators, chunks) => [
  ...chunks.flatMap((chunk) => [...transformChunkSync(chunk, generators, 0)]),
  ...finalChunksSync(generators)
];
var transformChunkSync = function* (chunk, generators, index) {
  if (index === generators.length) {
    yield chunk;
    return;
  }
  const { transform = identityGenerator2 } = generators[index];
  for (const transformedChunk of transform(chunk)) {
    yield* transformChunkSync(transformedChunk, generators, index + 1);
  }
};
var finalChunksSync = function* (generators) {
  for (const [index, { final }] of Object.entries(generators)) {
    yield* generatorFinalChunksSync(final, Number(index), generators);
  }
};
var generatorFinalChunksSync = function* (final, index, generators) {
  if (final === void 0) {
    return;
  }
  for (const finalChunk of final()) {
    yield* transformChunkSync(finalChunk, generators, index + 1);
  }
};
var identityGenerator2 = function* (chunk) {
  yield chunk;
};

// node_modules/execa/lib/transform/generator.js
var generatorToStream = ({
  value: value2,
  value: { transform, final, writableObjectMode, readableObjectMode },
  optionName
}, { encoding }) => {
  const state = {};
  const generators = addInternalGenerators(value2, encoding, optionName);
  const transformAsync = isAsyncGenerator(transform);
  const finalAsync = isAsyncGenerator(final);
  const transformMethod = transformAsync ? pushChunks.bind(void 0, transformChunk, state) : pushChunksSync.bind(void 0, transformChunkSync);
  const finalMethod = transformAsync || finalAsync ? pushChunks.bind(void 0, finalChunks, state) : pushChunksSync.bind(void 0, finalChunksSync);
  const destroyMethod = transformAsync || finalAsync ? destroyTransform.bind(void 0, state) : void 0;
  const stream = new Transform({
    writableObjectMode,
    writableHighWaterMark: getDefaultHighWaterMark(writableObjectMode),
    readableObjectMode,
    readableHighWaterMark: getDefaultHighWaterMark(readableObjectMode),
    transform(chunk, encoding2, done) {
      transformMethod([chunk, generators, 0], this, done);
    },
    flush(done) {
      finalMethod([generators], this, done);
    },
    destroy: destroyMethod
  });
  return { stream };
};
var runGeneratorsSync = (chunks, stdioItems, encoding, isInput) => {
  const generators = stdioItems.filter(({ type }) => type === "generator");
  const reversedGenerators = isInput ? generators.reverse() : generators;
  for (const { value: value2, optionName } of reversedGenerators) {
    const generators2 = addInternalGenerators(value2, encoding, optionName);
    chunks = runTransformSync(generators2, chunks);
  }
  return chunks;
};
var addInternalGenerators = ({ transform, final, binary, writableObjectMode, readableObjectMode, preserveNewlines }, encoding, optionName) => {
  const state = {};
  return [
    { transform: getValidateTransformInput(writableObjectMode, optionName) },
    getEncodingTransformGenerator(binary, encoding, writableObjectMode),
    getSplitLinesGenerator(binary, preserveNewlines, writableObjectMode, state),
    { transform, final },
    { transform: getValidateTransformReturn(readableObjectMode, optionName) },
    getAppendNewlineGenerator({
      binary,
      preserveNewlines,
      readableObjectMode,
      state
    })
  ].filter(Boolean);
};

// node_modules/execa/lib/io/input-sync.js
var addInputOptionsSync = (fileDescriptors, options2) => {
  for (const fdNumber of getInputFdNumbers(fileDescriptors)) {
    addInputOptionSync(fileDescriptors, fdNumber, options2);
  }
};
var getInputFdNumbers = (fileDescriptors) => new Set(Object.entries(fileDescriptors).filter(([, { direction }]) => direction === "input").map(([fdNumber]) => Number(fdNumber)));
var addInputOptionSync = (fileDescriptors, fdNumber, options2) => {
  const { stdioItems } = fileDescriptors[fdNumber];
  const allStdioItems = stdioItems.filter(({ contents }) => contents !== void 0);
  if (allStdioItems.length === 0) {
    return;
  }
  if (fdNumber !== 0) {
    const [{ type, optionName }] = allStdioItems;
    throw new TypeError(`Only the \`stdin\` option, not \`${optionName}\`, can be ${TYPE_TO_MESSAGE[type]} with synchronous methods.`);
  }
  const allContents = allStdioItems.map(({ contents }) => contents);
  const transformedContents = allContents.map((contents) => applySingleInputGeneratorsSync(contents, stdioItems));
  options2.input = joinToUint8Array(transformedContents);
};
var applySingleInputGeneratorsSync = (contents, stdioItems) => {
  const newContents = runGeneratorsSync(contents, stdioItems, "utf8", true);
  validateSerializable(newContents);
  return joinToUint8Array(newContents);
};
var validateSerializable = (newContents) => {
  const invalidItem = newContents.find((item) => typeof item !== "string" && !isUint8Array(item));
  if (invalidItem !== void 0) {
    throw new TypeError(`The \`stdin\` option is invalid: when passing objects as input, a transform must be used to serialize them to strings or Uint8Arrays: ${invalidItem}.`);
  }
};

// node_modules/execa/lib/io/output-sync.js
import { writeFileSync, appendFileSync } from "node:fs";

// node_modules/execa/lib/verbose/output.js
var shouldLogOutput = ({ stdioItems, encoding, verboseInfo, fdNumber }) => fdNumber !== "all" && isFullVerbose(verboseInfo, fdNumber) && !BINARY_ENCODINGS.has(encoding) && fdUsesVerbose(fdNumber) && (stdioItems.some(({ type, value: value2 }) => type === "native" && PIPED_STDIO_VALUES.has(value2)) || stdioItems.every(({ type }) => TRANSFORM_TYPES.has(type)));
var fdUsesVerbose = (fdNumber) => fdNumber === 1 || fdNumber === 2;
var PIPED_STDIO_VALUES = /* @__PURE__ */ new Set(["pipe", "overlapped"]);
var logLines = async (linesIterable, stream, fdNumber, verboseInfo) => {
  for await (const line of linesIterable) {
    if (!isPipingStream(stream)) {
      logLine(line, fdNumber, verboseInfo);
    }
  }
};
var logLinesSync = (linesArray, fdNumber, verboseInfo) => {
  for (const line of linesArray) {
    logLine(line, fdNumber, verboseInfo);
  }
};
var isPipingStream = (stream) => stream._readableState.pipes.length > 0;
var logLine = (line, fdNumber, verboseInfo) => {
  const verboseMessage = serializeVerboseMessage(line);
  verboseLog({
    type: "output",
    verboseMessage,
    fdNumber,
    verboseInfo
  });
};

// node_modules/execa/lib/io/output-sync.js
var transformOutputSync = ({ fileDescriptors, syncResult: { output }, options: options2, isMaxBuffer, verboseInfo }) => {
  if (output === null) {
    return { output: Array.from({ length: 3 }) };
  }
  const state = {};
  const outputFiles = /* @__PURE__ */ new Set([]);
  const transformedOutput = output.map((result, fdNumber) => transformOutputResultSync({
    result,
    fileDescriptors,
    fdNumber,
    state,
    outputFiles,
    isMaxBuffer,
    verboseInfo
  }, options2));
  return { output: transformedOutput, ...state };
};
var transformOutputResultSync = ({ result, fileDescriptors, fdNumber, state, outputFiles, isMaxBuffer, verboseInfo }, { buffer, encoding, lines, stripFinalNewline: stripFinalNewline2, maxBuffer }) => {
  if (result === null) {
    return;
  }
  const truncatedResult = truncateMaxBufferSync(result, isMaxBuffer, maxBuffer);
  const uint8ArrayResult = bufferToUint8Array(truncatedResult);
  const { stdioItems, objectMode } = fileDescriptors[fdNumber];
  const chunks = runOutputGeneratorsSync([uint8ArrayResult], stdioItems, encoding, state);
  const { serializedResult, finalResult = serializedResult } = serializeChunks({
    chunks,
    objectMode,
    encoding,
    lines,
    stripFinalNewline: stripFinalNewline2,
    fdNumber
  });
  logOutputSync({
    serializedResult,
    fdNumber,
    state,
    verboseInfo,
    encoding,
    stdioItems,
    objectMode
  });
  const returnedResult = buffer[fdNumber] ? finalResult : void 0;
  try {
    if (state.error === void 0) {
      writeToFiles(serializedResult, stdioItems, outputFiles);
    }
    return returnedResult;
  } catch (error2) {
    state.error = error2;
    return returnedResult;
  }
};
var runOutputGeneratorsSync = (chunks, stdioItems, encoding, state) => {
  try {
    return runGeneratorsSync(chunks, stdioItems, encoding, false);
  } catch (error2) {
    state.error = error2;
    return chunks;
  }
};
var serializeChunks = ({ chunks, objectMode, encoding, lines, stripFinalNewline: stripFinalNewline2, fdNumber }) => {
  if (objectMode) {
    return { serializedResult: chunks };
  }
  if (encoding === "buffer") {
    return { serializedResult: joinToUint8Array(chunks) };
  }
  const serializedResult = joinToString(chunks, encoding);
  if (lines[fdNumber]) {
    return { serializedResult, finalResult: splitLinesSync(serializedResult, !stripFinalNewline2[fdNumber], objectMode) };
  }
  return { serializedResult };
};
var logOutputSync = ({ serializedResult, fdNumber, state, verboseInfo, encoding, stdioItems, objectMode }) => {
  if (!shouldLogOutput({
    stdioItems,
    encoding,
    verboseInfo,
    fdNumber
  })) {
    return;
  }
  const linesArray = splitLinesSync(serializedResult, false, objectMode);
  try {
    logLinesSync(linesArray, fdNumber, verboseInfo);
  } catch (error2) {
    state.error ??= error2;
  }
};
var writeToFiles = (serializedResult, stdioItems, outputFiles) => {
  for (const { path: path6, append } of stdioItems.filter(({ type }) => FILE_TYPES.has(type))) {
    const pathString = typeof path6 === "string" ? path6 : path6.toString();
    if (append || outputFiles.has(pathString)) {
      appendFileSync(path6, serializedResult);
    } else {
      outputFiles.add(pathString);
      writeFileSync(path6, serializedResult);
    }
  }
};

// node_modules/execa/lib/resolve/all-sync.js
var getAllSync = ([, stdout, stderr], options2) => {
  if (!options2.all) {
    return;
  }
  if (stdout === void 0) {
    return stderr;
  }
  if (stderr === void 0) {
    return stdout;
  }
  if (Array.isArray(stdout)) {
    return Array.isArray(stderr) ? [...stdout, ...stderr] : [...stdout, stripNewline(stderr, options2, "all")];
  }
  if (Array.isArray(stderr)) {
    return [stripNewline(stdout, options2, "all"), ...stderr];
  }
  if (isUint8Array(stdout) && isUint8Array(stderr)) {
    return concatUint8Arrays([stdout, stderr]);
  }
  return `${stdout}${stderr}`;
};

// node_modules/execa/lib/resolve/exit-async.js
import { once as once4 } from "node:events";
var waitForExit = async (subprocess, context) => {
  const [exitCode, signal] = await waitForExitOrError(subprocess);
  context.isForcefullyTerminated ??= false;
  return [exitCode, signal];
};
var waitForExitOrError = async (subprocess) => {
  const [spawnPayload, exitPayload] = await Promise.allSettled([
    once4(subprocess, "spawn"),
    once4(subprocess, "exit")
  ]);
  if (spawnPayload.status === "rejected") {
    return [];
  }
  return exitPayload.status === "rejected" ? waitForSubprocessExit(subprocess) : exitPayload.value;
};
var waitForSubprocessExit = async (subprocess) => {
  try {
    return await once4(subprocess, "exit");
  } catch {
    return waitForSubprocessExit(subprocess);
  }
};
var waitForSuccessfulExit = async (exitPromise) => {
  const [exitCode, signal] = await exitPromise;
  if (!isSubprocessErrorExit(exitCode, signal) && isFailedExit(exitCode, signal)) {
    throw new DiscardedError();
  }
  return [exitCode, signal];
};
var isSubprocessErrorExit = (exitCode, signal) => exitCode === void 0 && signal === void 0;
var isFailedExit = (exitCode, signal) => exitCode !== 0 || signal !== null;

// node_modules/execa/lib/resolve/exit-sync.js
var getExitResultSync = ({ error: error2, status: exitCode, signal, output }, { maxBuffer }) => {
  const resultError = getResultError(error2, exitCode, signal);
  const timedOut = resultError?.code === "ETIMEDOUT";
  const isMaxBuffer = isMaxBufferSync(resultError, output, maxBuffer);
  return {
    resultError,
    exitCode,
    signal,
    timedOut,
    isMaxBuffer
  };
};
var getResultError = (error2, exitCode, signal) => {
  if (error2 !== void 0) {
    return error2;
  }
  return isFailedExit(exitCode, signal) ? new DiscardedError() : void 0;
};

// node_modules/execa/lib/methods/main-sync.js
var execaCoreSync = (rawFile, rawArguments, rawOptions) => {
  const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options: options2, fileDescriptors } = handleSyncArguments(rawFile, rawArguments, rawOptions);
  const result = spawnSubprocessSync({
    file,
    commandArguments,
    options: options2,
    command,
    escapedCommand,
    verboseInfo,
    fileDescriptors,
    startTime
  });
  return handleResult(result, verboseInfo, options2);
};
var handleSyncArguments = (rawFile, rawArguments, rawOptions) => {
  const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
  const syncOptions = normalizeSyncOptions(rawOptions);
  const { file, commandArguments, options: options2 } = normalizeOptions(rawFile, rawArguments, syncOptions);
  validateSyncOptions(options2);
  const fileDescriptors = handleStdioSync(options2, verboseInfo);
  return {
    file,
    commandArguments,
    command,
    escapedCommand,
    startTime,
    verboseInfo,
    options: options2,
    fileDescriptors
  };
};
var normalizeSyncOptions = (options2) => options2.node && !options2.ipc ? { ...options2, ipc: false } : options2;
var validateSyncOptions = ({ ipc, ipcInput, detached, cancelSignal }) => {
  if (ipcInput) {
    throwInvalidSyncOption("ipcInput");
  }
  if (ipc) {
    throwInvalidSyncOption("ipc: true");
  }
  if (detached) {
    throwInvalidSyncOption("detached: true");
  }
  if (cancelSignal) {
    throwInvalidSyncOption("cancelSignal");
  }
};
var throwInvalidSyncOption = (value2) => {
  throw new TypeError(`The "${value2}" option cannot be used with synchronous methods.`);
};
var spawnSubprocessSync = ({ file, commandArguments, options: options2, command, escapedCommand, verboseInfo, fileDescriptors, startTime }) => {
  const syncResult = runSubprocessSync({
    file,
    commandArguments,
    options: options2,
    command,
    escapedCommand,
    fileDescriptors,
    startTime
  });
  if (syncResult.failed) {
    return syncResult;
  }
  const { resultError, exitCode, signal, timedOut, isMaxBuffer } = getExitResultSync(syncResult, options2);
  const { output, error: error2 = resultError } = transformOutputSync({
    fileDescriptors,
    syncResult,
    options: options2,
    isMaxBuffer,
    verboseInfo
  });
  const stdio = output.map((stdioOutput, fdNumber) => stripNewline(stdioOutput, options2, fdNumber));
  const all = stripNewline(getAllSync(output, options2), options2, "all");
  return getSyncResult({
    error: error2,
    exitCode,
    signal,
    timedOut,
    isMaxBuffer,
    stdio,
    all,
    options: options2,
    command,
    escapedCommand,
    startTime
  });
};
var runSubprocessSync = ({ file, commandArguments, options: options2, command, escapedCommand, fileDescriptors, startTime }) => {
  try {
    addInputOptionsSync(fileDescriptors, options2);
    const normalizedOptions = normalizeSpawnSyncOptions(options2);
    return spawnSync(...concatenateShell(file, commandArguments, normalizedOptions));
  } catch (error2) {
    return makeEarlyError({
      error: error2,
      command,
      escapedCommand,
      fileDescriptors,
      options: options2,
      startTime,
      isSync: true
    });
  }
};
var normalizeSpawnSyncOptions = ({ encoding, maxBuffer, ...options2 }) => ({ ...options2, encoding: "buffer", maxBuffer: getMaxBufferSync(maxBuffer) });
var getSyncResult = ({ error: error2, exitCode, signal, timedOut, isMaxBuffer, stdio, all, options: options2, command, escapedCommand, startTime }) => error2 === void 0 ? makeSuccessResult({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput: [],
  options: options2,
  startTime
}) : makeError({
  error: error2,
  command,
  escapedCommand,
  timedOut,
  isCanceled: false,
  isGracefullyCanceled: false,
  isMaxBuffer,
  isForcefullyTerminated: false,
  exitCode,
  signal,
  stdio,
  all,
  ipcOutput: [],
  options: options2,
  startTime,
  isSync: true
});

// node_modules/execa/lib/methods/main-async.js
import { setMaxListeners } from "node:events";
import { spawn } from "node:child_process";

// node_modules/execa/lib/ipc/methods.js
import process8 from "node:process";

// node_modules/execa/lib/ipc/get-one.js
import { once as once5, on as on2 } from "node:events";
var getOneMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true, filter } = {}) => {
  validateIpcMethod({
    methodName: "getOneMessage",
    isSubprocess,
    ipc,
    isConnected: isConnected(anyProcess)
  });
  return getOneMessageAsync({
    anyProcess,
    channel,
    isSubprocess,
    filter,
    reference
  });
};
var getOneMessageAsync = async ({ anyProcess, channel, isSubprocess, filter, reference }) => {
  addReference(channel, reference);
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const controller = new AbortController();
  try {
    return await Promise.race([
      getMessage(ipcEmitter, filter, controller),
      throwOnDisconnect2(ipcEmitter, isSubprocess, controller),
      throwOnStrictError(ipcEmitter, isSubprocess, controller)
    ]);
  } catch (error2) {
    disconnect(anyProcess);
    throw error2;
  } finally {
    controller.abort();
    removeReference(channel, reference);
  }
};
var getMessage = async (ipcEmitter, filter, { signal }) => {
  if (filter === void 0) {
    const [message] = await once5(ipcEmitter, "message", { signal });
    return message;
  }
  for await (const [message] of on2(ipcEmitter, "message", { signal })) {
    if (filter(message)) {
      return message;
    }
  }
};
var throwOnDisconnect2 = async (ipcEmitter, isSubprocess, { signal }) => {
  await once5(ipcEmitter, "disconnect", { signal });
  throwOnEarlyDisconnect(isSubprocess);
};
var throwOnStrictError = async (ipcEmitter, isSubprocess, { signal }) => {
  const [error2] = await once5(ipcEmitter, "strict:error", { signal });
  throw getStrictResponseError(error2, isSubprocess);
};

// node_modules/execa/lib/ipc/get-each.js
import { once as once6, on as on3 } from "node:events";
var getEachMessage = ({ anyProcess, channel, isSubprocess, ipc }, { reference = true } = {}) => loopOnMessages({
  anyProcess,
  channel,
  isSubprocess,
  ipc,
  shouldAwait: !isSubprocess,
  reference
});
var loopOnMessages = ({ anyProcess, channel, isSubprocess, ipc, shouldAwait, reference }) => {
  validateIpcMethod({
    methodName: "getEachMessage",
    isSubprocess,
    ipc,
    isConnected: isConnected(anyProcess)
  });
  addReference(channel, reference);
  const ipcEmitter = getIpcEmitter(anyProcess, channel, isSubprocess);
  const controller = new AbortController();
  const state = {};
  stopOnDisconnect(anyProcess, ipcEmitter, controller);
  abortOnStrictError({
    ipcEmitter,
    isSubprocess,
    controller,
    state
  });
  return iterateOnMessages({
    anyProcess,
    channel,
    ipcEmitter,
    isSubprocess,
    shouldAwait,
    controller,
    state,
    reference
  });
};
var stopOnDisconnect = async (anyProcess, ipcEmitter, controller) => {
  try {
    await once6(ipcEmitter, "disconnect", { signal: controller.signal });
    controller.abort();
  } catch {
  }
};
var abortOnStrictError = async ({ ipcEmitter, isSubprocess, controller, state }) => {
  try {
    const [error2] = await once6(ipcEmitter, "strict:error", { signal: controller.signal });
    state.error = getStrictResponseError(error2, isSubprocess);
    controller.abort();
  } catch {
  }
};
var iterateOnMessages = async function* ({ anyProcess, channel, ipcEmitter, isSubprocess, shouldAwait, controller, state, reference }) {
  try {
    for await (const [message] of on3(ipcEmitter, "message", { signal: controller.signal })) {
      throwIfStrictError(state);
      yield message;
    }
  } catch {
    throwIfStrictError(state);
  } finally {
    controller.abort();
    removeReference(channel, reference);
    if (!isSubprocess) {
      disconnect(anyProcess);
    }
    if (shouldAwait) {
      await anyProcess;
    }
  }
};
var throwIfStrictError = ({ error: error2 }) => {
  if (error2) {
    throw error2;
  }
};

// node_modules/execa/lib/ipc/methods.js
var addIpcMethods = (subprocess, { ipc }) => {
  Object.assign(subprocess, getIpcMethods(subprocess, false, ipc));
};
var getIpcExport = () => {
  const anyProcess = process8;
  const isSubprocess = true;
  const ipc = process8.channel !== void 0;
  return {
    ...getIpcMethods(anyProcess, isSubprocess, ipc),
    getCancelSignal: getCancelSignal.bind(void 0, {
      anyProcess,
      channel: anyProcess.channel,
      isSubprocess,
      ipc
    })
  };
};
var getIpcMethods = (anyProcess, isSubprocess, ipc) => ({
  sendMessage: sendMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  }),
  getOneMessage: getOneMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  }),
  getEachMessage: getEachMessage.bind(void 0, {
    anyProcess,
    channel: anyProcess.channel,
    isSubprocess,
    ipc
  })
});

// node_modules/execa/lib/return/early-error.js
import { ChildProcess as ChildProcess2 } from "node:child_process";
import {
  PassThrough,
  Readable,
  Writable,
  Duplex
} from "node:stream";
var handleEarlyError = ({ error: error2, command, escapedCommand, fileDescriptors, options: options2, startTime, verboseInfo }) => {
  cleanupCustomStreams(fileDescriptors);
  const subprocess = new ChildProcess2();
  createDummyStreams(subprocess, fileDescriptors);
  Object.assign(subprocess, { readable, writable, duplex });
  const earlyError = makeEarlyError({
    error: error2,
    command,
    escapedCommand,
    fileDescriptors,
    options: options2,
    startTime,
    isSync: false
  });
  const promise = handleDummyPromise(earlyError, verboseInfo, options2);
  return { subprocess, promise };
};
var createDummyStreams = (subprocess, fileDescriptors) => {
  const stdin = createDummyStream();
  const stdout = createDummyStream();
  const stderr = createDummyStream();
  const extraStdio = Array.from({ length: fileDescriptors.length - 3 }, createDummyStream);
  const all = createDummyStream();
  const stdio = [stdin, stdout, stderr, ...extraStdio];
  Object.assign(subprocess, {
    stdin,
    stdout,
    stderr,
    all,
    stdio
  });
};
var createDummyStream = () => {
  const stream = new PassThrough();
  stream.end();
  return stream;
};
var readable = () => new Readable({ read() {
} });
var writable = () => new Writable({ write() {
} });
var duplex = () => new Duplex({ read() {
}, write() {
} });
var handleDummyPromise = async (error2, verboseInfo, options2) => handleResult(error2, verboseInfo, options2);

// node_modules/execa/lib/stdio/handle-async.js
import { createReadStream, createWriteStream } from "node:fs";
import { Buffer as Buffer4 } from "node:buffer";
import { Readable as Readable2, Writable as Writable2, Duplex as Duplex2 } from "node:stream";
var handleStdioAsync = (options2, verboseInfo) => handleStdio(addPropertiesAsync, options2, verboseInfo, false);
var forbiddenIfAsync = ({ type, optionName }) => {
  throw new TypeError(`The \`${optionName}\` option cannot be ${TYPE_TO_MESSAGE[type]}.`);
};
var addProperties2 = {
  fileNumber: forbiddenIfAsync,
  generator: generatorToStream,
  asyncGenerator: generatorToStream,
  nodeStream: ({ value: value2 }) => ({ stream: value2 }),
  webTransform({ value: { transform, writableObjectMode, readableObjectMode } }) {
    const objectMode = writableObjectMode || readableObjectMode;
    const stream = Duplex2.fromWeb(transform, { objectMode });
    return { stream };
  },
  duplex: ({ value: { transform } }) => ({ stream: transform }),
  native() {
  }
};
var addPropertiesAsync = {
  input: {
    ...addProperties2,
    fileUrl: ({ value: value2 }) => ({ stream: createReadStream(value2) }),
    filePath: ({ value: { file } }) => ({ stream: createReadStream(file) }),
    webStream: ({ value: value2 }) => ({ stream: Readable2.fromWeb(value2) }),
    iterable: ({ value: value2 }) => ({ stream: Readable2.from(value2) }),
    asyncIterable: ({ value: value2 }) => ({ stream: Readable2.from(value2) }),
    string: ({ value: value2 }) => ({ stream: Readable2.from(value2) }),
    uint8Array: ({ value: value2 }) => ({ stream: Readable2.from(Buffer4.from(value2)) })
  },
  output: {
    ...addProperties2,
    fileUrl: ({ value: value2 }) => ({ stream: createWriteStream(value2) }),
    filePath: ({ value: { file, append } }) => ({ stream: createWriteStream(file, append ? { flags: "a" } : {}) }),
    webStream: ({ value: value2 }) => ({ stream: Writable2.fromWeb(value2) }),
    iterable: forbiddenIfAsync,
    asyncIterable: forbiddenIfAsync,
    string: forbiddenIfAsync,
    uint8Array: forbiddenIfAsync
  }
};

// node_modules/@sindresorhus/merge-streams/index.js
import { on as on4, once as once7 } from "node:events";
import { PassThrough as PassThroughStream, getDefaultHighWaterMark as getDefaultHighWaterMark2 } from "node:stream";
import { finished as finished2 } from "node:stream/promises";
function mergeStreams(streams) {
  if (!Array.isArray(streams)) {
    throw new TypeError(`Expected an array, got \`${typeof streams}\`.`);
  }
  for (const stream of streams) {
    validateStream(stream);
  }
  const objectMode = streams.some(({ readableObjectMode }) => readableObjectMode);
  const highWaterMark = getHighWaterMark(streams, objectMode);
  const passThroughStream = new MergedStream({
    objectMode,
    writableHighWaterMark: highWaterMark,
    readableHighWaterMark: highWaterMark
  });
  for (const stream of streams) {
    passThroughStream.add(stream);
  }
  return passThroughStream;
}
var getHighWaterMark = (streams, objectMode) => {
  if (streams.length === 0) {
    return getDefaultHighWaterMark2(objectMode);
  }
  const highWaterMarks = streams.filter(({ readableObjectMode }) => readableObjectMode === objectMode).map(({ readableHighWaterMark }) => readableHighWaterMark);
  return Math.max(...highWaterMarks);
};
var MergedStream = class extends PassThroughStream {
  #streams = /* @__PURE__ */ new Set([]);
  #ended = /* @__PURE__ */ new Set([]);
  #aborted = /* @__PURE__ */ new Set([]);
  #onFinished;
  #unpipeEvent = /* @__PURE__ */ Symbol("unpipe");
  #streamPromises = /* @__PURE__ */ new WeakMap();
  add(stream) {
    validateStream(stream);
    if (this.#streams.has(stream)) {
      return;
    }
    this.#streams.add(stream);
    this.#onFinished ??= onMergedStreamFinished(this, this.#streams, this.#unpipeEvent);
    const streamPromise = endWhenStreamsDone({
      passThroughStream: this,
      stream,
      streams: this.#streams,
      ended: this.#ended,
      aborted: this.#aborted,
      onFinished: this.#onFinished,
      unpipeEvent: this.#unpipeEvent
    });
    this.#streamPromises.set(stream, streamPromise);
    stream.pipe(this, { end: false });
  }
  async remove(stream) {
    validateStream(stream);
    if (!this.#streams.has(stream)) {
      return false;
    }
    const streamPromise = this.#streamPromises.get(stream);
    if (streamPromise === void 0) {
      return false;
    }
    this.#streamPromises.delete(stream);
    stream.unpipe(this);
    await streamPromise;
    return true;
  }
};
var onMergedStreamFinished = async (passThroughStream, streams, unpipeEvent) => {
  updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_COUNT);
  const controller = new AbortController();
  try {
    await Promise.race([
      onMergedStreamEnd(passThroughStream, controller),
      onInputStreamsUnpipe(passThroughStream, streams, unpipeEvent, controller)
    ]);
  } finally {
    controller.abort();
    updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_COUNT);
  }
};
var onMergedStreamEnd = async (passThroughStream, { signal }) => {
  try {
    await finished2(passThroughStream, { signal, cleanup: true });
  } catch (error2) {
    errorOrAbortStream(passThroughStream, error2);
    throw error2;
  }
};
var onInputStreamsUnpipe = async (passThroughStream, streams, unpipeEvent, { signal }) => {
  for await (const [unpipedStream] of on4(passThroughStream, "unpipe", { signal })) {
    if (streams.has(unpipedStream)) {
      unpipedStream.emit(unpipeEvent);
    }
  }
};
var validateStream = (stream) => {
  if (typeof stream?.pipe !== "function") {
    throw new TypeError(`Expected a readable stream, got: \`${typeof stream}\`.`);
  }
};
var endWhenStreamsDone = async ({ passThroughStream, stream, streams, ended, aborted: aborted2, onFinished, unpipeEvent }) => {
  updateMaxListeners(passThroughStream, PASSTHROUGH_LISTENERS_PER_STREAM);
  const controller = new AbortController();
  try {
    await Promise.race([
      afterMergedStreamFinished(onFinished, stream, controller),
      onInputStreamEnd({
        passThroughStream,
        stream,
        streams,
        ended,
        aborted: aborted2,
        controller
      }),
      onInputStreamUnpipe({
        stream,
        streams,
        ended,
        aborted: aborted2,
        unpipeEvent,
        controller
      })
    ]);
  } finally {
    controller.abort();
    updateMaxListeners(passThroughStream, -PASSTHROUGH_LISTENERS_PER_STREAM);
  }
  if (streams.size > 0 && streams.size === ended.size + aborted2.size) {
    if (ended.size === 0 && aborted2.size > 0) {
      abortStream(passThroughStream);
    } else {
      endStream(passThroughStream);
    }
  }
};
var afterMergedStreamFinished = async (onFinished, stream, { signal }) => {
  try {
    await onFinished;
    if (!signal.aborted) {
      abortStream(stream);
    }
  } catch (error2) {
    if (!signal.aborted) {
      errorOrAbortStream(stream, error2);
    }
  }
};
var onInputStreamEnd = async ({ passThroughStream, stream, streams, ended, aborted: aborted2, controller: { signal } }) => {
  try {
    await finished2(stream, {
      signal,
      cleanup: true,
      readable: true,
      writable: false
    });
    if (streams.has(stream)) {
      ended.add(stream);
    }
  } catch (error2) {
    if (signal.aborted || !streams.has(stream)) {
      return;
    }
    if (isAbortError(error2)) {
      aborted2.add(stream);
    } else {
      errorStream(passThroughStream, error2);
    }
  }
};
var onInputStreamUnpipe = async ({ stream, streams, ended, aborted: aborted2, unpipeEvent, controller: { signal } }) => {
  await once7(stream, unpipeEvent, { signal });
  if (!stream.readable) {
    return once7(signal, "abort", { signal });
  }
  streams.delete(stream);
  ended.delete(stream);
  aborted2.delete(stream);
};
var endStream = (stream) => {
  if (stream.writable) {
    stream.end();
  }
};
var errorOrAbortStream = (stream, error2) => {
  if (isAbortError(error2)) {
    abortStream(stream);
  } else {
    errorStream(stream, error2);
  }
};
var isAbortError = (error2) => error2?.code === "ERR_STREAM_PREMATURE_CLOSE";
var abortStream = (stream) => {
  if (stream.readable || stream.writable) {
    stream.destroy();
  }
};
var errorStream = (stream, error2) => {
  if (!stream.destroyed) {
    stream.once("error", noop2);
    stream.destroy(error2);
  }
};
var noop2 = () => {
};
var updateMaxListeners = (passThroughStream, increment2) => {
  const maxListeners = passThroughStream.getMaxListeners();
  if (maxListeners !== 0 && maxListeners !== Number.POSITIVE_INFINITY) {
    passThroughStream.setMaxListeners(maxListeners + increment2);
  }
};
var PASSTHROUGH_LISTENERS_COUNT = 2;
var PASSTHROUGH_LISTENERS_PER_STREAM = 1;

// node_modules/execa/lib/io/pipeline.js
import { finished as finished3 } from "node:stream/promises";
var pipeStreams = (source, destination) => {
  source.pipe(destination);
  onSourceFinish(source, destination);
  onDestinationFinish(source, destination);
};
var onSourceFinish = async (source, destination) => {
  if (isStandardStream(source) || isStandardStream(destination)) {
    return;
  }
  try {
    await finished3(source, { cleanup: true, readable: true, writable: false });
  } catch {
  }
  endDestinationStream(destination);
};
var endDestinationStream = (destination) => {
  if (destination.writable) {
    destination.end();
  }
};
var onDestinationFinish = async (source, destination) => {
  if (isStandardStream(source) || isStandardStream(destination)) {
    return;
  }
  try {
    await finished3(destination, { cleanup: true, readable: false, writable: true });
  } catch {
  }
  abortSourceStream(source);
};
var abortSourceStream = (source) => {
  if (source.readable) {
    source.destroy();
  }
};

// node_modules/execa/lib/io/output-async.js
var pipeOutputAsync = (subprocess, fileDescriptors, controller) => {
  const pipeGroups = /* @__PURE__ */ new Map();
  for (const [fdNumber, { stdioItems, direction }] of Object.entries(fileDescriptors)) {
    for (const { stream } of stdioItems.filter(({ type }) => TRANSFORM_TYPES.has(type))) {
      pipeTransform(subprocess, stream, direction, fdNumber);
    }
    for (const { stream } of stdioItems.filter(({ type }) => !TRANSFORM_TYPES.has(type))) {
      pipeStdioItem({
        subprocess,
        stream,
        direction,
        fdNumber,
        pipeGroups,
        controller
      });
    }
  }
  for (const [outputStream, inputStreams] of pipeGroups.entries()) {
    const inputStream = inputStreams.length === 1 ? inputStreams[0] : mergeStreams(inputStreams);
    pipeStreams(inputStream, outputStream);
  }
};
var pipeTransform = (subprocess, stream, direction, fdNumber) => {
  if (direction === "output") {
    pipeStreams(subprocess.stdio[fdNumber], stream);
  } else {
    pipeStreams(stream, subprocess.stdio[fdNumber]);
  }
  const streamProperty = SUBPROCESS_STREAM_PROPERTIES[fdNumber];
  if (streamProperty !== void 0) {
    subprocess[streamProperty] = stream;
  }
  subprocess.stdio[fdNumber] = stream;
};
var SUBPROCESS_STREAM_PROPERTIES = ["stdin", "stdout", "stderr"];
var pipeStdioItem = ({ subprocess, stream, direction, fdNumber, pipeGroups, controller }) => {
  if (stream === void 0) {
    return;
  }
  setStandardStreamMaxListeners(stream, controller);
  const [inputStream, outputStream] = direction === "output" ? [stream, subprocess.stdio[fdNumber]] : [subprocess.stdio[fdNumber], stream];
  const outputStreams = pipeGroups.get(inputStream) ?? [];
  pipeGroups.set(inputStream, [...outputStreams, outputStream]);
};
var setStandardStreamMaxListeners = (stream, { signal }) => {
  if (isStandardStream(stream)) {
    incrementMaxListeners(stream, MAX_LISTENERS_INCREMENT, signal);
  }
};
var MAX_LISTENERS_INCREMENT = 2;

// node_modules/execa/lib/terminate/cleanup.js
import { addAbortListener as addAbortListener2 } from "node:events";

// node_modules/signal-exit/dist/mjs/signals.js
var signals = [];
signals.push("SIGHUP", "SIGINT", "SIGTERM");
if (process.platform !== "win32") {
  signals.push(
    "SIGALRM",
    "SIGABRT",
    "SIGVTALRM",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGUSR2",
    "SIGTRAP",
    "SIGSYS",
    "SIGQUIT",
    "SIGIOT"
    // should detect profiler and enable/disable accordingly.
    // see #21
    // 'SIGPROF'
  );
}
if (process.platform === "linux") {
  signals.push("SIGIO", "SIGPOLL", "SIGPWR", "SIGSTKFLT");
}

// node_modules/signal-exit/dist/mjs/index.js
var processOk = (process10) => !!process10 && typeof process10 === "object" && typeof process10.removeListener === "function" && typeof process10.emit === "function" && typeof process10.reallyExit === "function" && typeof process10.listeners === "function" && typeof process10.kill === "function" && typeof process10.pid === "number" && typeof process10.on === "function";
var kExitEmitter = /* @__PURE__ */ Symbol.for("signal-exit emitter");
var global2 = globalThis;
var ObjectDefineProperty = Object.defineProperty.bind(Object);
var Emitter = class {
  emitted = {
    afterExit: false,
    exit: false
  };
  listeners = {
    afterExit: [],
    exit: []
  };
  count = 0;
  id = Math.random();
  constructor() {
    if (global2[kExitEmitter]) {
      return global2[kExitEmitter];
    }
    ObjectDefineProperty(global2, kExitEmitter, {
      value: this,
      writable: false,
      enumerable: false,
      configurable: false
    });
  }
  on(ev, fn) {
    this.listeners[ev].push(fn);
  }
  removeListener(ev, fn) {
    const list = this.listeners[ev];
    const i2 = list.indexOf(fn);
    if (i2 === -1) {
      return;
    }
    if (i2 === 0 && list.length === 1) {
      list.length = 0;
    } else {
      list.splice(i2, 1);
    }
  }
  emit(ev, code, signal) {
    if (this.emitted[ev]) {
      return false;
    }
    this.emitted[ev] = true;
    let ret = false;
    for (const fn of this.listeners[ev]) {
      ret = fn(code, signal) === true || ret;
    }
    if (ev === "exit") {
      ret = this.emit("afterExit", code, signal) || ret;
    }
    return ret;
  }
};
var SignalExitBase = class {
};
var signalExitWrap = (handler) => {
  return {
    onExit(cb, opts) {
      return handler.onExit(cb, opts);
    },
    load() {
      return handler.load();
    },
    unload() {
      return handler.unload();
    }
  };
};
var SignalExitFallback = class extends SignalExitBase {
  onExit() {
    return () => {
    };
  }
  load() {
  }
  unload() {
  }
};
var SignalExit = class extends SignalExitBase {
  // "SIGHUP" throws an `ENOSYS` error on Windows,
  // so use a supported signal instead
  /* c8 ignore start */
  #hupSig = process9.platform === "win32" ? "SIGINT" : "SIGHUP";
  /* c8 ignore stop */
  #emitter = new Emitter();
  #process;
  #originalProcessEmit;
  #originalProcessReallyExit;
  #sigListeners = {};
  #loaded = false;
  constructor(process10) {
    super();
    this.#process = process10;
    this.#sigListeners = {};
    for (const sig of signals) {
      this.#sigListeners[sig] = () => {
        const listeners = this.#process.listeners(sig);
        let { count: count2 } = this.#emitter;
        const p = process10;
        if (typeof p.__signal_exit_emitter__ === "object" && typeof p.__signal_exit_emitter__.count === "number") {
          count2 += p.__signal_exit_emitter__.count;
        }
        if (listeners.length === count2) {
          this.unload();
          const ret = this.#emitter.emit("exit", null, sig);
          const s = sig === "SIGHUP" ? this.#hupSig : sig;
          if (!ret)
            process10.kill(process10.pid, s);
        }
      };
    }
    this.#originalProcessReallyExit = process10.reallyExit;
    this.#originalProcessEmit = process10.emit;
  }
  onExit(cb, opts) {
    if (!processOk(this.#process)) {
      return () => {
      };
    }
    if (this.#loaded === false) {
      this.load();
    }
    const ev = opts?.alwaysLast ? "afterExit" : "exit";
    this.#emitter.on(ev, cb);
    return () => {
      this.#emitter.removeListener(ev, cb);
      if (this.#emitter.listeners["exit"].length === 0 && this.#emitter.listeners["afterExit"].length === 0) {
        this.unload();
      }
    };
  }
  load() {
    if (this.#loaded) {
      return;
    }
    this.#loaded = true;
    this.#emitter.count += 1;
    for (const sig of signals) {
      try {
        const fn = this.#sigListeners[sig];
        if (fn)
          this.#process.on(sig, fn);
      } catch (_) {
      }
    }
    this.#process.emit = (ev, ...a2) => {
      return this.#processEmit(ev, ...a2);
    };
    this.#process.reallyExit = (code) => {
      return this.#processReallyExit(code);
    };
  }
  unload() {
    if (!this.#loaded) {
      return;
    }
    this.#loaded = false;
    signals.forEach((sig) => {
      const listener = this.#sigListeners[sig];
      if (!listener) {
        throw new Error("Listener not defined for signal: " + sig);
      }
      try {
        this.#process.removeListener(sig, listener);
      } catch (_) {
      }
    });
    this.#process.emit = this.#originalProcessEmit;
    this.#process.reallyExit = this.#originalProcessReallyExit;
    this.#emitter.count -= 1;
  }
  #processReallyExit(code) {
    if (!processOk(this.#process)) {
      return 0;
    }
    this.#process.exitCode = code || 0;
    this.#emitter.emit("exit", this.#process.exitCode, null);
    return this.#originalProcessReallyExit.call(this.#process, this.#process.exitCode);
  }
  #processEmit(ev, ...args) {
    const og = this.#originalProcessEmit;
    if (ev === "exit" && processOk(this.#process)) {
      if (typeof args[0] === "number") {
        this.#process.exitCode = args[0];
      }
      const ret = og.call(this.#process, ev, ...args);
      this.#emitter.emit("exit", this.#process.exitCode, null);
      return ret;
    } else {
      return og.call(this.#process, ev, ...args);
    }
  }
};
var process9 = globalThis.process;
var {
  /**
   * Called when the process is exiting, whether via signal, explicit
   * exit, or running out of stuff to do.
   *
   * If the global process object is not suitable for instrumentation,
   * then this will be a no-op.
   *
   * Returns a function that may be used to unload signal-exit.
   */
  onExit,
  /**
   * Load the listeners.  Likely you never need to call this, unless
   * doing a rather deep integration with signal-exit functionality.
   * Mostly exposed for the benefit of testing.
   *
   * @internal
   */
  load,
  /**
   * Unload the listeners.  Likely you never need to call this, unless
   * doing a rather deep integration with signal-exit functionality.
   * Mostly exposed for the benefit of testing.
   *
   * @internal
   */
  unload
} = signalExitWrap(processOk(process9) ? new SignalExit(process9) : new SignalExitFallback());

// node_modules/execa/lib/terminate/cleanup.js
var cleanupOnExit = (subprocess, { cleanup, detached }, { signal }) => {
  if (!cleanup || detached) {
    return;
  }
  const removeExitHandler = onExit(() => {
    subprocess.kill();
  });
  addAbortListener2(signal, () => {
    removeExitHandler();
  });
};

// node_modules/execa/lib/pipe/pipe-arguments.js
var normalizePipeArguments = ({ source, sourcePromise, boundOptions, createNested }, ...pipeArguments) => {
  const startTime = getStartTime();
  const {
    destination,
    destinationStream,
    destinationError,
    from,
    unpipeSignal
  } = getDestinationStream(boundOptions, createNested, pipeArguments);
  const { sourceStream, sourceError } = getSourceStream(source, from);
  const { options: sourceOptions, fileDescriptors } = SUBPROCESS_OPTIONS.get(source);
  return {
    sourcePromise,
    sourceStream,
    sourceOptions,
    sourceError,
    destination,
    destinationStream,
    destinationError,
    unpipeSignal,
    fileDescriptors,
    startTime
  };
};
var getDestinationStream = (boundOptions, createNested, pipeArguments) => {
  try {
    const {
      destination,
      pipeOptions: { from, to, unpipeSignal } = {}
    } = getDestination(boundOptions, createNested, ...pipeArguments);
    const destinationStream = getToStream(destination, to);
    return {
      destination,
      destinationStream,
      from,
      unpipeSignal
    };
  } catch (error2) {
    return { destinationError: error2 };
  }
};
var getDestination = (boundOptions, createNested, firstArgument, ...pipeArguments) => {
  if (Array.isArray(firstArgument)) {
    const destination = createNested(mapDestinationArguments, boundOptions)(firstArgument, ...pipeArguments);
    return { destination, pipeOptions: boundOptions };
  }
  if (typeof firstArgument === "string" || firstArgument instanceof URL || isDenoExecPath(firstArgument)) {
    if (Object.keys(boundOptions).length > 0) {
      throw new TypeError('Please use .pipe("file", ..., options) or .pipe(execa("file", ..., options)) instead of .pipe(options)("file", ...).');
    }
    const [rawFile, rawArguments, rawOptions] = normalizeParameters(firstArgument, ...pipeArguments);
    const destination = createNested(mapDestinationArguments)(rawFile, rawArguments, rawOptions);
    return { destination, pipeOptions: rawOptions };
  }
  if (SUBPROCESS_OPTIONS.has(firstArgument)) {
    if (Object.keys(boundOptions).length > 0) {
      throw new TypeError("Please use .pipe(options)`command` or .pipe($(options)`command`) instead of .pipe(options)($`command`).");
    }
    return { destination: firstArgument, pipeOptions: pipeArguments[0] };
  }
  throw new TypeError(`The first argument must be a template string, an options object, or an Execa subprocess: ${firstArgument}`);
};
var mapDestinationArguments = ({ options: options2 }) => ({ options: { ...options2, stdin: "pipe", piped: true } });
var getSourceStream = (source, from) => {
  try {
    const sourceStream = getFromStream(source, from);
    return { sourceStream };
  } catch (error2) {
    return { sourceError: error2 };
  }
};

// node_modules/execa/lib/pipe/throw.js
var handlePipeArgumentsError = ({
  sourceStream,
  sourceError,
  destinationStream,
  destinationError,
  fileDescriptors,
  sourceOptions,
  startTime
}) => {
  const error2 = getPipeArgumentsError({
    sourceStream,
    sourceError,
    destinationStream,
    destinationError
  });
  if (error2 !== void 0) {
    throw createNonCommandError({
      error: error2,
      fileDescriptors,
      sourceOptions,
      startTime
    });
  }
};
var getPipeArgumentsError = ({ sourceStream, sourceError, destinationStream, destinationError }) => {
  if (sourceError !== void 0 && destinationError !== void 0) {
    return destinationError;
  }
  if (destinationError !== void 0) {
    abortSourceStream(sourceStream);
    return destinationError;
  }
  if (sourceError !== void 0) {
    endDestinationStream(destinationStream);
    return sourceError;
  }
};
var createNonCommandError = ({ error: error2, fileDescriptors, sourceOptions, startTime }) => makeEarlyError({
  error: error2,
  command: PIPE_COMMAND_MESSAGE,
  escapedCommand: PIPE_COMMAND_MESSAGE,
  fileDescriptors,
  options: sourceOptions,
  startTime,
  isSync: false
});
var PIPE_COMMAND_MESSAGE = "source.pipe(destination)";

// node_modules/execa/lib/pipe/sequence.js
var waitForBothSubprocesses = async (subprocessPromises) => {
  const [
    { status: sourceStatus, reason: sourceReason, value: sourceResult = sourceReason },
    { status: destinationStatus, reason: destinationReason, value: destinationResult = destinationReason }
  ] = await subprocessPromises;
  if (!destinationResult.pipedFrom.includes(sourceResult)) {
    destinationResult.pipedFrom.push(sourceResult);
  }
  if (destinationStatus === "rejected") {
    throw destinationResult;
  }
  if (sourceStatus === "rejected") {
    throw sourceResult;
  }
  return destinationResult;
};

// node_modules/execa/lib/pipe/streaming.js
import { finished as finished4 } from "node:stream/promises";
var pipeSubprocessStream = (sourceStream, destinationStream, maxListenersController) => {
  const mergedStream = MERGED_STREAMS.has(destinationStream) ? pipeMoreSubprocessStream(sourceStream, destinationStream) : pipeFirstSubprocessStream(sourceStream, destinationStream);
  incrementMaxListeners(sourceStream, SOURCE_LISTENERS_PER_PIPE, maxListenersController.signal);
  incrementMaxListeners(destinationStream, DESTINATION_LISTENERS_PER_PIPE, maxListenersController.signal);
  cleanupMergedStreamsMap(destinationStream);
  return mergedStream;
};
var pipeFirstSubprocessStream = (sourceStream, destinationStream) => {
  const mergedStream = mergeStreams([sourceStream]);
  pipeStreams(mergedStream, destinationStream);
  MERGED_STREAMS.set(destinationStream, mergedStream);
  return mergedStream;
};
var pipeMoreSubprocessStream = (sourceStream, destinationStream) => {
  const mergedStream = MERGED_STREAMS.get(destinationStream);
  mergedStream.add(sourceStream);
  return mergedStream;
};
var cleanupMergedStreamsMap = async (destinationStream) => {
  try {
    await finished4(destinationStream, { cleanup: true, readable: false, writable: true });
  } catch {
  }
  MERGED_STREAMS.delete(destinationStream);
};
var MERGED_STREAMS = /* @__PURE__ */ new WeakMap();
var SOURCE_LISTENERS_PER_PIPE = 2;
var DESTINATION_LISTENERS_PER_PIPE = 1;

// node_modules/execa/lib/pipe/abort.js
import { aborted } from "node:util";
var unpipeOnAbort = (unpipeSignal, unpipeContext) => unpipeSignal === void 0 ? [] : [unpipeOnSignalAbort(unpipeSignal, unpipeContext)];
var unpipeOnSignalAbort = async (unpipeSignal, { sourceStream, mergedStream, fileDescriptors, sourceOptions, startTime }) => {
  await aborted(unpipeSignal, sourceStream);
  await mergedStream.remove(sourceStream);
  const error2 = new Error("Pipe canceled by `unpipeSignal` option.");
  throw createNonCommandError({
    error: error2,
    fileDescriptors,
    sourceOptions,
    startTime
  });
};

// node_modules/execa/lib/pipe/setup.js
var pipeToSubprocess = (sourceInfo, ...pipeArguments) => {
  if (isPlainObject(pipeArguments[0])) {
    return pipeToSubprocess.bind(void 0, {
      ...sourceInfo,
      boundOptions: { ...sourceInfo.boundOptions, ...pipeArguments[0] }
    });
  }
  const { destination, ...normalizedInfo } = normalizePipeArguments(sourceInfo, ...pipeArguments);
  const promise = handlePipePromise({ ...normalizedInfo, destination });
  promise.pipe = pipeToSubprocess.bind(void 0, {
    ...sourceInfo,
    source: destination,
    sourcePromise: promise,
    boundOptions: {}
  });
  return promise;
};
var handlePipePromise = async ({
  sourcePromise,
  sourceStream,
  sourceOptions,
  sourceError,
  destination,
  destinationStream,
  destinationError,
  unpipeSignal,
  fileDescriptors,
  startTime
}) => {
  const subprocessPromises = getSubprocessPromises(sourcePromise, destination);
  handlePipeArgumentsError({
    sourceStream,
    sourceError,
    destinationStream,
    destinationError,
    fileDescriptors,
    sourceOptions,
    startTime
  });
  const maxListenersController = new AbortController();
  try {
    const mergedStream = pipeSubprocessStream(sourceStream, destinationStream, maxListenersController);
    return await Promise.race([
      waitForBothSubprocesses(subprocessPromises),
      ...unpipeOnAbort(unpipeSignal, {
        sourceStream,
        mergedStream,
        sourceOptions,
        fileDescriptors,
        startTime
      })
    ]);
  } finally {
    maxListenersController.abort();
  }
};
var getSubprocessPromises = (sourcePromise, destination) => Promise.allSettled([sourcePromise, destination]);

// node_modules/execa/lib/io/contents.js
import { setImmediate as setImmediate2 } from "node:timers/promises";

// node_modules/execa/lib/io/iterate.js
import { on as on5 } from "node:events";
import { getDefaultHighWaterMark as getDefaultHighWaterMark3 } from "node:stream";
var iterateOnSubprocessStream = ({ subprocessStdout, subprocess, binary, shouldEncode, encoding, preserveNewlines }) => {
  const controller = new AbortController();
  stopReadingOnExit(subprocess, controller);
  return iterateOnStream({
    stream: subprocessStdout,
    controller,
    binary,
    shouldEncode: !subprocessStdout.readableObjectMode && shouldEncode,
    encoding,
    shouldSplit: !subprocessStdout.readableObjectMode,
    preserveNewlines
  });
};
var stopReadingOnExit = async (subprocess, controller) => {
  try {
    await subprocess;
  } catch {
  } finally {
    controller.abort();
  }
};
var iterateForResult = ({ stream, onStreamEnd, lines, encoding, stripFinalNewline: stripFinalNewline2, allMixed }) => {
  const controller = new AbortController();
  stopReadingOnStreamEnd(onStreamEnd, controller, stream);
  const objectMode = stream.readableObjectMode && !allMixed;
  return iterateOnStream({
    stream,
    controller,
    binary: encoding === "buffer",
    shouldEncode: !objectMode,
    encoding,
    shouldSplit: !objectMode && lines,
    preserveNewlines: !stripFinalNewline2
  });
};
var stopReadingOnStreamEnd = async (onStreamEnd, controller, stream) => {
  try {
    await onStreamEnd;
  } catch {
    stream.destroy();
  } finally {
    controller.abort();
  }
};
var iterateOnStream = ({ stream, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => {
  const onStdoutChunk = on5(stream, "data", {
    signal: controller.signal,
    highWaterMark: HIGH_WATER_MARK,
    // Backward compatibility with older name for this option
    // See https://github.com/nodejs/node/pull/52080#discussion_r1525227861
    // @todo Remove after removing support for Node 21
    highWatermark: HIGH_WATER_MARK
  });
  return iterateOnData({
    onStdoutChunk,
    controller,
    binary,
    shouldEncode,
    encoding,
    shouldSplit,
    preserveNewlines
  });
};
var DEFAULT_OBJECT_HIGH_WATER_MARK = getDefaultHighWaterMark3(true);
var HIGH_WATER_MARK = DEFAULT_OBJECT_HIGH_WATER_MARK;
var iterateOnData = async function* ({ onStdoutChunk, controller, binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) {
  const generators = getGenerators({
    binary,
    shouldEncode,
    encoding,
    shouldSplit,
    preserveNewlines
  });
  try {
    for await (const [chunk] of onStdoutChunk) {
      yield* transformChunkSync(chunk, generators, 0);
    }
  } catch (error2) {
    if (!controller.signal.aborted) {
      throw error2;
    }
  } finally {
    yield* finalChunksSync(generators);
  }
};
var getGenerators = ({ binary, shouldEncode, encoding, shouldSplit, preserveNewlines }) => [
  getEncodingTransformGenerator(binary, encoding, !shouldEncode),
  getSplitLinesGenerator(binary, preserveNewlines, !shouldSplit, {})
].filter(Boolean);

// node_modules/execa/lib/io/contents.js
var getStreamOutput = async ({ stream, onStreamEnd, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
  const logPromise = logOutputAsync({
    stream,
    onStreamEnd,
    fdNumber,
    encoding,
    allMixed,
    verboseInfo,
    streamInfo
  });
  if (!buffer) {
    await Promise.all([resumeStream(stream), logPromise]);
    return;
  }
  const stripFinalNewlineValue = getStripFinalNewline(stripFinalNewline2, fdNumber);
  const iterable = iterateForResult({
    stream,
    onStreamEnd,
    lines,
    encoding,
    stripFinalNewline: stripFinalNewlineValue,
    allMixed
  });
  const [output] = await Promise.all([
    getStreamContents2({
      stream,
      iterable,
      fdNumber,
      encoding,
      maxBuffer,
      lines
    }),
    logPromise
  ]);
  return output;
};
var logOutputAsync = async ({ stream, onStreamEnd, fdNumber, encoding, allMixed, verboseInfo, streamInfo: { fileDescriptors } }) => {
  if (!shouldLogOutput({
    stdioItems: fileDescriptors[fdNumber]?.stdioItems,
    encoding,
    verboseInfo,
    fdNumber
  })) {
    return;
  }
  const linesIterable = iterateForResult({
    stream,
    onStreamEnd,
    lines: true,
    encoding,
    stripFinalNewline: true,
    allMixed
  });
  await logLines(linesIterable, stream, fdNumber, verboseInfo);
};
var resumeStream = async (stream) => {
  await setImmediate2();
  if (stream.readableFlowing === null) {
    stream.resume();
  }
};
var getStreamContents2 = async ({ stream, stream: { readableObjectMode }, iterable, fdNumber, encoding, maxBuffer, lines }) => {
  try {
    if (readableObjectMode || lines) {
      return await getStreamAsArray(iterable, { maxBuffer });
    }
    if (encoding === "buffer") {
      return new Uint8Array(await getStreamAsArrayBuffer(iterable, { maxBuffer }));
    }
    return await getStreamAsString(iterable, { maxBuffer });
  } catch (error2) {
    return handleBufferedData(handleMaxBuffer({
      error: error2,
      stream,
      readableObjectMode,
      lines,
      encoding,
      fdNumber
    }));
  }
};
var getBufferedData = async (streamPromise) => {
  try {
    return await streamPromise;
  } catch (error2) {
    return handleBufferedData(error2);
  }
};
var handleBufferedData = ({ bufferedData }) => isArrayBuffer(bufferedData) ? new Uint8Array(bufferedData) : bufferedData;

// node_modules/execa/lib/resolve/wait-stream.js
import { finished as finished5 } from "node:stream/promises";
var waitForStream = async (stream, fdNumber, streamInfo, { isSameDirection, stopOnExit = false } = {}) => {
  const state = handleStdinDestroy(stream, streamInfo);
  const abortController = new AbortController();
  try {
    await Promise.race([
      ...stopOnExit ? [streamInfo.exitPromise] : [],
      finished5(stream, { cleanup: true, signal: abortController.signal })
    ]);
  } catch (error2) {
    if (!state.stdinCleanedUp) {
      handleStreamError(error2, fdNumber, streamInfo, isSameDirection);
    }
  } finally {
    abortController.abort();
  }
};
var handleStdinDestroy = (stream, { originalStreams: [originalStdin], subprocess }) => {
  const state = { stdinCleanedUp: false };
  if (stream === originalStdin) {
    spyOnStdinDestroy(stream, subprocess, state);
  }
  return state;
};
var spyOnStdinDestroy = (subprocessStdin, subprocess, state) => {
  const { _destroy } = subprocessStdin;
  subprocessStdin._destroy = (...destroyArguments) => {
    setStdinCleanedUp(subprocess, state);
    _destroy.call(subprocessStdin, ...destroyArguments);
  };
};
var setStdinCleanedUp = ({ exitCode, signalCode }, state) => {
  if (exitCode !== null || signalCode !== null) {
    state.stdinCleanedUp = true;
  }
};
var handleStreamError = (error2, fdNumber, streamInfo, isSameDirection) => {
  if (!shouldIgnoreStreamError(error2, fdNumber, streamInfo, isSameDirection)) {
    throw error2;
  }
};
var shouldIgnoreStreamError = (error2, fdNumber, streamInfo, isSameDirection = true) => {
  if (streamInfo.propagating) {
    return isStreamEpipe(error2) || isStreamAbort(error2);
  }
  streamInfo.propagating = true;
  return isInputFileDescriptor(streamInfo, fdNumber) === isSameDirection ? isStreamEpipe(error2) : isStreamAbort(error2);
};
var isInputFileDescriptor = ({ fileDescriptors }, fdNumber) => fdNumber !== "all" && fileDescriptors[fdNumber].direction === "input";
var isStreamAbort = (error2) => error2?.code === "ERR_STREAM_PREMATURE_CLOSE";
var isStreamEpipe = (error2) => error2?.code === "EPIPE";

// node_modules/execa/lib/resolve/stdio.js
var waitForStdioStreams = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => subprocess.stdio.map((stream, fdNumber) => waitForSubprocessStream({
  stream,
  fdNumber,
  encoding,
  buffer: buffer[fdNumber],
  maxBuffer: maxBuffer[fdNumber],
  lines: lines[fdNumber],
  allMixed: false,
  stripFinalNewline: stripFinalNewline2,
  verboseInfo,
  streamInfo
}));
var waitForSubprocessStream = async ({ stream, fdNumber, encoding, buffer, maxBuffer, lines, allMixed, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => {
  if (!stream) {
    return;
  }
  const onStreamEnd = waitForStream(stream, fdNumber, streamInfo);
  if (isInputFileDescriptor(streamInfo, fdNumber)) {
    await onStreamEnd;
    return;
  }
  const [output] = await Promise.all([
    getStreamOutput({
      stream,
      onStreamEnd,
      fdNumber,
      encoding,
      buffer,
      maxBuffer,
      lines,
      allMixed,
      stripFinalNewline: stripFinalNewline2,
      verboseInfo,
      streamInfo
    }),
    onStreamEnd
  ]);
  return output;
};

// node_modules/execa/lib/resolve/all-async.js
var makeAllStream = ({ stdout, stderr }, { all }) => all && (stdout || stderr) ? mergeStreams([stdout, stderr].filter(Boolean)) : void 0;
var waitForAllStream = ({ subprocess, encoding, buffer, maxBuffer, lines, stripFinalNewline: stripFinalNewline2, verboseInfo, streamInfo }) => waitForSubprocessStream({
  ...getAllStream(subprocess, buffer),
  fdNumber: "all",
  encoding,
  maxBuffer: maxBuffer[1] + maxBuffer[2],
  lines: lines[1] || lines[2],
  allMixed: getAllMixed(subprocess),
  stripFinalNewline: stripFinalNewline2,
  verboseInfo,
  streamInfo
});
var getAllStream = ({ stdout, stderr, all }, [, bufferStdout, bufferStderr]) => {
  const buffer = bufferStdout || bufferStderr;
  if (!buffer) {
    return { stream: all, buffer };
  }
  if (!bufferStdout) {
    return { stream: stderr, buffer };
  }
  if (!bufferStderr) {
    return { stream: stdout, buffer };
  }
  return { stream: all, buffer };
};
var getAllMixed = ({ all, stdout, stderr }) => all && stdout && stderr && stdout.readableObjectMode !== stderr.readableObjectMode;

// node_modules/execa/lib/resolve/wait-subprocess.js
import { once as once8 } from "node:events";

// node_modules/execa/lib/verbose/ipc.js
var shouldLogIpc = (verboseInfo) => isFullVerbose(verboseInfo, "ipc");
var logIpcOutput = (message, verboseInfo) => {
  const verboseMessage = serializeVerboseMessage(message);
  verboseLog({
    type: "ipc",
    verboseMessage,
    fdNumber: "ipc",
    verboseInfo
  });
};

// node_modules/execa/lib/ipc/buffer-messages.js
var waitForIpcOutput = async ({
  subprocess,
  buffer: bufferArray,
  maxBuffer: maxBufferArray,
  ipc,
  ipcOutput,
  verboseInfo
}) => {
  if (!ipc) {
    return ipcOutput;
  }
  const isVerbose2 = shouldLogIpc(verboseInfo);
  const buffer = getFdSpecificValue(bufferArray, "ipc");
  const maxBuffer = getFdSpecificValue(maxBufferArray, "ipc");
  for await (const message of loopOnMessages({
    anyProcess: subprocess,
    channel: subprocess.channel,
    isSubprocess: false,
    ipc,
    shouldAwait: false,
    reference: true
  })) {
    if (buffer) {
      checkIpcMaxBuffer(subprocess, ipcOutput, maxBuffer);
      ipcOutput.push(message);
    }
    if (isVerbose2) {
      logIpcOutput(message, verboseInfo);
    }
  }
  return ipcOutput;
};
var getBufferedIpcOutput = async (ipcOutputPromise, ipcOutput) => {
  await Promise.allSettled([ipcOutputPromise]);
  return ipcOutput;
};

// node_modules/execa/lib/resolve/wait-subprocess.js
var waitForSubprocessResult = async ({
  subprocess,
  options: {
    encoding,
    buffer,
    maxBuffer,
    lines,
    timeoutDuration: timeout,
    cancelSignal,
    gracefulCancel,
    forceKillAfterDelay,
    stripFinalNewline: stripFinalNewline2,
    ipc,
    ipcInput
  },
  context,
  verboseInfo,
  fileDescriptors,
  originalStreams,
  onInternalError,
  controller
}) => {
  const exitPromise = waitForExit(subprocess, context);
  const streamInfo = {
    originalStreams,
    fileDescriptors,
    subprocess,
    exitPromise,
    propagating: false
  };
  const stdioPromises = waitForStdioStreams({
    subprocess,
    encoding,
    buffer,
    maxBuffer,
    lines,
    stripFinalNewline: stripFinalNewline2,
    verboseInfo,
    streamInfo
  });
  const allPromise = waitForAllStream({
    subprocess,
    encoding,
    buffer,
    maxBuffer,
    lines,
    stripFinalNewline: stripFinalNewline2,
    verboseInfo,
    streamInfo
  });
  const ipcOutput = [];
  const ipcOutputPromise = waitForIpcOutput({
    subprocess,
    buffer,
    maxBuffer,
    ipc,
    ipcOutput,
    verboseInfo
  });
  const originalPromises = waitForOriginalStreams(originalStreams, subprocess, streamInfo);
  const customStreamsEndPromises = waitForCustomStreamsEnd(fileDescriptors, streamInfo);
  try {
    return await Promise.race([
      Promise.all([
        {},
        waitForSuccessfulExit(exitPromise),
        Promise.all(stdioPromises),
        allPromise,
        ipcOutputPromise,
        sendIpcInput(subprocess, ipcInput),
        ...originalPromises,
        ...customStreamsEndPromises
      ]),
      onInternalError,
      throwOnSubprocessError(subprocess, controller),
      ...throwOnTimeout(subprocess, timeout, context, controller),
      ...throwOnCancel({
        subprocess,
        cancelSignal,
        gracefulCancel,
        context,
        controller
      }),
      ...throwOnGracefulCancel({
        subprocess,
        cancelSignal,
        gracefulCancel,
        forceKillAfterDelay,
        context,
        controller
      })
    ]);
  } catch (error2) {
    context.terminationReason ??= "other";
    return Promise.all([
      { error: error2 },
      exitPromise,
      Promise.all(stdioPromises.map((stdioPromise) => getBufferedData(stdioPromise))),
      getBufferedData(allPromise),
      getBufferedIpcOutput(ipcOutputPromise, ipcOutput),
      Promise.allSettled(originalPromises),
      Promise.allSettled(customStreamsEndPromises)
    ]);
  }
};
var waitForOriginalStreams = (originalStreams, subprocess, streamInfo) => originalStreams.map((stream, fdNumber) => stream === subprocess.stdio[fdNumber] ? void 0 : waitForStream(stream, fdNumber, streamInfo));
var waitForCustomStreamsEnd = (fileDescriptors, streamInfo) => fileDescriptors.flatMap(({ stdioItems }, fdNumber) => stdioItems.filter(({ value: value2, stream = value2 }) => isStream(stream, { checkOpen: false }) && !isStandardStream(stream)).map(({ type, value: value2, stream = value2 }) => waitForStream(stream, fdNumber, streamInfo, {
  isSameDirection: TRANSFORM_TYPES.has(type),
  stopOnExit: type === "native"
})));
var throwOnSubprocessError = async (subprocess, { signal }) => {
  const [error2] = await once8(subprocess, "error", { signal });
  throw error2;
};

// node_modules/execa/lib/convert/concurrent.js
var initializeConcurrentStreams = () => ({
  readableDestroy: /* @__PURE__ */ new WeakMap(),
  writableFinal: /* @__PURE__ */ new WeakMap(),
  writableDestroy: /* @__PURE__ */ new WeakMap()
});
var addConcurrentStream = (concurrentStreams, stream, waitName) => {
  const weakMap = concurrentStreams[waitName];
  if (!weakMap.has(stream)) {
    weakMap.set(stream, []);
  }
  const promises = weakMap.get(stream);
  const promise = createDeferred();
  promises.push(promise);
  const resolve19 = promise.resolve.bind(promise);
  return { resolve: resolve19, promises };
};
var waitForConcurrentStreams = async ({ resolve: resolve19, promises }, subprocess) => {
  resolve19();
  const [isSubprocessExit] = await Promise.race([
    Promise.allSettled([true, subprocess]),
    Promise.all([false, ...promises])
  ]);
  return !isSubprocessExit;
};

// node_modules/execa/lib/convert/readable.js
import { Readable as Readable3 } from "node:stream";
import { callbackify as callbackify2 } from "node:util";

// node_modules/execa/lib/convert/shared.js
import { finished as finished6 } from "node:stream/promises";
var safeWaitForSubprocessStdin = async (subprocessStdin) => {
  if (subprocessStdin === void 0) {
    return;
  }
  try {
    await waitForSubprocessStdin(subprocessStdin);
  } catch {
  }
};
var safeWaitForSubprocessStdout = async (subprocessStdout) => {
  if (subprocessStdout === void 0) {
    return;
  }
  try {
    await waitForSubprocessStdout(subprocessStdout);
  } catch {
  }
};
var waitForSubprocessStdin = async (subprocessStdin) => {
  await finished6(subprocessStdin, { cleanup: true, readable: false, writable: true });
};
var waitForSubprocessStdout = async (subprocessStdout) => {
  await finished6(subprocessStdout, { cleanup: true, readable: true, writable: false });
};
var waitForSubprocess = async (subprocess, error2) => {
  await subprocess;
  if (error2) {
    throw error2;
  }
};
var destroyOtherStream = (stream, isOpen, error2) => {
  if (error2 && !isStreamAbort(error2)) {
    stream.destroy(error2);
  } else if (isOpen) {
    stream.destroy();
  }
};

// node_modules/execa/lib/convert/readable.js
var createReadable = ({ subprocess, concurrentStreams, encoding }, { from, binary: binaryOption = true, preserveNewlines = true } = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
  const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
  const { read, onStdoutDataDone } = getReadableMethods({
    subprocessStdout,
    subprocess,
    binary,
    encoding,
    preserveNewlines
  });
  const readable2 = new Readable3({
    read,
    destroy: callbackify2(onReadableDestroy.bind(void 0, { subprocessStdout, subprocess, waitReadableDestroy })),
    highWaterMark: readableHighWaterMark,
    objectMode: readableObjectMode,
    encoding: readableEncoding
  });
  onStdoutFinished({
    subprocessStdout,
    onStdoutDataDone,
    readable: readable2,
    subprocess
  });
  return readable2;
};
var getSubprocessStdout = (subprocess, from, concurrentStreams) => {
  const subprocessStdout = getFromStream(subprocess, from);
  const waitReadableDestroy = addConcurrentStream(concurrentStreams, subprocessStdout, "readableDestroy");
  return { subprocessStdout, waitReadableDestroy };
};
var getReadableOptions = ({ readableEncoding, readableObjectMode, readableHighWaterMark }, binary) => binary ? { readableEncoding, readableObjectMode, readableHighWaterMark } : { readableEncoding, readableObjectMode: true, readableHighWaterMark: DEFAULT_OBJECT_HIGH_WATER_MARK };
var getReadableMethods = ({ subprocessStdout, subprocess, binary, encoding, preserveNewlines }) => {
  const onStdoutDataDone = createDeferred();
  const onStdoutData = iterateOnSubprocessStream({
    subprocessStdout,
    subprocess,
    binary,
    shouldEncode: !binary,
    encoding,
    preserveNewlines
  });
  return {
    read() {
      onRead(this, onStdoutData, onStdoutDataDone);
    },
    onStdoutDataDone
  };
};
var onRead = async (readable2, onStdoutData, onStdoutDataDone) => {
  try {
    const { value: value2, done } = await onStdoutData.next();
    if (done) {
      onStdoutDataDone.resolve();
    } else {
      readable2.push(value2);
    }
  } catch {
  }
};
var onStdoutFinished = async ({ subprocessStdout, onStdoutDataDone, readable: readable2, subprocess, subprocessStdin }) => {
  try {
    await waitForSubprocessStdout(subprocessStdout);
    await subprocess;
    await safeWaitForSubprocessStdin(subprocessStdin);
    await onStdoutDataDone;
    if (readable2.readable) {
      readable2.push(null);
    }
  } catch (error2) {
    await safeWaitForSubprocessStdin(subprocessStdin);
    destroyOtherReadable(readable2, error2);
  }
};
var onReadableDestroy = async ({ subprocessStdout, subprocess, waitReadableDestroy }, error2) => {
  if (await waitForConcurrentStreams(waitReadableDestroy, subprocess)) {
    destroyOtherReadable(subprocessStdout, error2);
    await waitForSubprocess(subprocess, error2);
  }
};
var destroyOtherReadable = (stream, error2) => {
  destroyOtherStream(stream, stream.readable, error2);
};

// node_modules/execa/lib/convert/writable.js
import { Writable as Writable3 } from "node:stream";
import { callbackify as callbackify3 } from "node:util";
var createWritable = ({ subprocess, concurrentStreams }, { to } = {}) => {
  const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
  const writable2 = new Writable3({
    ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
    destroy: callbackify3(onWritableDestroy.bind(void 0, {
      subprocessStdin,
      subprocess,
      waitWritableFinal,
      waitWritableDestroy
    })),
    highWaterMark: subprocessStdin.writableHighWaterMark,
    objectMode: subprocessStdin.writableObjectMode
  });
  onStdinFinished(subprocessStdin, writable2);
  return writable2;
};
var getSubprocessStdin = (subprocess, to, concurrentStreams) => {
  const subprocessStdin = getToStream(subprocess, to);
  const waitWritableFinal = addConcurrentStream(concurrentStreams, subprocessStdin, "writableFinal");
  const waitWritableDestroy = addConcurrentStream(concurrentStreams, subprocessStdin, "writableDestroy");
  return { subprocessStdin, waitWritableFinal, waitWritableDestroy };
};
var getWritableMethods = (subprocessStdin, subprocess, waitWritableFinal) => ({
  write: onWrite.bind(void 0, subprocessStdin),
  final: callbackify3(onWritableFinal.bind(void 0, subprocessStdin, subprocess, waitWritableFinal))
});
var onWrite = (subprocessStdin, chunk, encoding, done) => {
  if (subprocessStdin.write(chunk, encoding)) {
    done();
  } else {
    subprocessStdin.once("drain", done);
  }
};
var onWritableFinal = async (subprocessStdin, subprocess, waitWritableFinal) => {
  if (await waitForConcurrentStreams(waitWritableFinal, subprocess)) {
    if (subprocessStdin.writable) {
      subprocessStdin.end();
    }
    await subprocess;
  }
};
var onStdinFinished = async (subprocessStdin, writable2, subprocessStdout) => {
  try {
    await waitForSubprocessStdin(subprocessStdin);
    if (writable2.writable) {
      writable2.end();
    }
  } catch (error2) {
    await safeWaitForSubprocessStdout(subprocessStdout);
    destroyOtherWritable(writable2, error2);
  }
};
var onWritableDestroy = async ({ subprocessStdin, subprocess, waitWritableFinal, waitWritableDestroy }, error2) => {
  await waitForConcurrentStreams(waitWritableFinal, subprocess);
  if (await waitForConcurrentStreams(waitWritableDestroy, subprocess)) {
    destroyOtherWritable(subprocessStdin, error2);
    await waitForSubprocess(subprocess, error2);
  }
};
var destroyOtherWritable = (stream, error2) => {
  destroyOtherStream(stream, stream.writable, error2);
};

// node_modules/execa/lib/convert/duplex.js
import { Duplex as Duplex3 } from "node:stream";
import { callbackify as callbackify4 } from "node:util";
var createDuplex = ({ subprocess, concurrentStreams, encoding }, { from, to, binary: binaryOption = true, preserveNewlines = true } = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const { subprocessStdout, waitReadableDestroy } = getSubprocessStdout(subprocess, from, concurrentStreams);
  const { subprocessStdin, waitWritableFinal, waitWritableDestroy } = getSubprocessStdin(subprocess, to, concurrentStreams);
  const { readableEncoding, readableObjectMode, readableHighWaterMark } = getReadableOptions(subprocessStdout, binary);
  const { read, onStdoutDataDone } = getReadableMethods({
    subprocessStdout,
    subprocess,
    binary,
    encoding,
    preserveNewlines
  });
  const duplex2 = new Duplex3({
    read,
    ...getWritableMethods(subprocessStdin, subprocess, waitWritableFinal),
    destroy: callbackify4(onDuplexDestroy.bind(void 0, {
      subprocessStdout,
      subprocessStdin,
      subprocess,
      waitReadableDestroy,
      waitWritableFinal,
      waitWritableDestroy
    })),
    readableHighWaterMark,
    writableHighWaterMark: subprocessStdin.writableHighWaterMark,
    readableObjectMode,
    writableObjectMode: subprocessStdin.writableObjectMode,
    encoding: readableEncoding
  });
  onStdoutFinished({
    subprocessStdout,
    onStdoutDataDone,
    readable: duplex2,
    subprocess,
    subprocessStdin
  });
  onStdinFinished(subprocessStdin, duplex2, subprocessStdout);
  return duplex2;
};
var onDuplexDestroy = async ({ subprocessStdout, subprocessStdin, subprocess, waitReadableDestroy, waitWritableFinal, waitWritableDestroy }, error2) => {
  await Promise.all([
    onReadableDestroy({ subprocessStdout, subprocess, waitReadableDestroy }, error2),
    onWritableDestroy({
      subprocessStdin,
      subprocess,
      waitWritableFinal,
      waitWritableDestroy
    }, error2)
  ]);
};

// node_modules/execa/lib/convert/iterable.js
var createIterable = (subprocess, encoding, {
  from,
  binary: binaryOption = false,
  preserveNewlines = false
} = {}) => {
  const binary = binaryOption || BINARY_ENCODINGS.has(encoding);
  const subprocessStdout = getFromStream(subprocess, from);
  const onStdoutData = iterateOnSubprocessStream({
    subprocessStdout,
    subprocess,
    binary,
    shouldEncode: true,
    encoding,
    preserveNewlines
  });
  return iterateOnStdoutData(onStdoutData, subprocessStdout, subprocess);
};
var iterateOnStdoutData = async function* (onStdoutData, subprocessStdout, subprocess) {
  try {
    yield* onStdoutData;
  } finally {
    if (subprocessStdout.readable) {
      subprocessStdout.destroy();
    }
    await subprocess;
  }
};

// node_modules/execa/lib/convert/add.js
var addConvertedStreams = (subprocess, { encoding }) => {
  const concurrentStreams = initializeConcurrentStreams();
  subprocess.readable = createReadable.bind(void 0, { subprocess, concurrentStreams, encoding });
  subprocess.writable = createWritable.bind(void 0, { subprocess, concurrentStreams });
  subprocess.duplex = createDuplex.bind(void 0, { subprocess, concurrentStreams, encoding });
  subprocess.iterable = createIterable.bind(void 0, subprocess, encoding);
  subprocess[Symbol.asyncIterator] = createIterable.bind(void 0, subprocess, encoding, {});
};

// node_modules/execa/lib/methods/promise.js
var mergePromise = (subprocess, promise) => {
  for (const [property, descriptor] of descriptors) {
    const value2 = descriptor.value.bind(promise);
    Reflect.defineProperty(subprocess, property, { ...descriptor, value: value2 });
  }
};
var nativePromisePrototype = (async () => {
})().constructor.prototype;
var descriptors = ["then", "catch", "finally"].map((property) => [
  property,
  Reflect.getOwnPropertyDescriptor(nativePromisePrototype, property)
]);

// node_modules/execa/lib/methods/main-async.js
var execaCoreAsync = (rawFile, rawArguments, rawOptions, createNested) => {
  const { file, commandArguments, command, escapedCommand, startTime, verboseInfo, options: options2, fileDescriptors } = handleAsyncArguments(rawFile, rawArguments, rawOptions);
  const { subprocess, promise } = spawnSubprocessAsync({
    file,
    commandArguments,
    options: options2,
    startTime,
    verboseInfo,
    command,
    escapedCommand,
    fileDescriptors
  });
  subprocess.pipe = pipeToSubprocess.bind(void 0, {
    source: subprocess,
    sourcePromise: promise,
    boundOptions: {},
    createNested
  });
  mergePromise(subprocess, promise);
  SUBPROCESS_OPTIONS.set(subprocess, { options: options2, fileDescriptors });
  return subprocess;
};
var handleAsyncArguments = (rawFile, rawArguments, rawOptions) => {
  const { command, escapedCommand, startTime, verboseInfo } = handleCommand(rawFile, rawArguments, rawOptions);
  const { file, commandArguments, options: normalizedOptions } = normalizeOptions(rawFile, rawArguments, rawOptions);
  const options2 = handleAsyncOptions(normalizedOptions);
  const fileDescriptors = handleStdioAsync(options2, verboseInfo);
  return {
    file,
    commandArguments,
    command,
    escapedCommand,
    startTime,
    verboseInfo,
    options: options2,
    fileDescriptors
  };
};
var handleAsyncOptions = ({ timeout, signal, ...options2 }) => {
  if (signal !== void 0) {
    throw new TypeError('The "signal" option has been renamed to "cancelSignal" instead.');
  }
  return { ...options2, timeoutDuration: timeout };
};
var spawnSubprocessAsync = ({ file, commandArguments, options: options2, startTime, verboseInfo, command, escapedCommand, fileDescriptors }) => {
  let subprocess;
  try {
    subprocess = spawn(...concatenateShell(file, commandArguments, options2));
  } catch (error2) {
    return handleEarlyError({
      error: error2,
      command,
      escapedCommand,
      fileDescriptors,
      options: options2,
      startTime,
      verboseInfo
    });
  }
  const controller = new AbortController();
  setMaxListeners(Number.POSITIVE_INFINITY, controller.signal);
  const originalStreams = [...subprocess.stdio];
  pipeOutputAsync(subprocess, fileDescriptors, controller);
  cleanupOnExit(subprocess, options2, controller);
  const context = {};
  const onInternalError = createDeferred();
  subprocess.kill = subprocessKill.bind(void 0, {
    kill: subprocess.kill.bind(subprocess),
    options: options2,
    onInternalError,
    context,
    controller
  });
  subprocess.all = makeAllStream(subprocess, options2);
  addConvertedStreams(subprocess, options2);
  addIpcMethods(subprocess, options2);
  const promise = handlePromise({
    subprocess,
    options: options2,
    startTime,
    verboseInfo,
    fileDescriptors,
    originalStreams,
    command,
    escapedCommand,
    context,
    onInternalError,
    controller
  });
  return { subprocess, promise };
};
var handlePromise = async ({ subprocess, options: options2, startTime, verboseInfo, fileDescriptors, originalStreams, command, escapedCommand, context, onInternalError, controller }) => {
  const [
    errorInfo,
    [exitCode, signal],
    stdioResults,
    allResult,
    ipcOutput
  ] = await waitForSubprocessResult({
    subprocess,
    options: options2,
    context,
    verboseInfo,
    fileDescriptors,
    originalStreams,
    onInternalError,
    controller
  });
  controller.abort();
  onInternalError.resolve();
  const stdio = stdioResults.map((stdioResult, fdNumber) => stripNewline(stdioResult, options2, fdNumber));
  const all = stripNewline(allResult, options2, "all");
  const result = getAsyncResult({
    errorInfo,
    exitCode,
    signal,
    stdio,
    all,
    ipcOutput,
    context,
    options: options2,
    command,
    escapedCommand,
    startTime
  });
  return handleResult(result, verboseInfo, options2);
};
var getAsyncResult = ({ errorInfo, exitCode, signal, stdio, all, ipcOutput, context, options: options2, command, escapedCommand, startTime }) => "error" in errorInfo ? makeError({
  error: errorInfo.error,
  command,
  escapedCommand,
  timedOut: context.terminationReason === "timeout",
  isCanceled: context.terminationReason === "cancel" || context.terminationReason === "gracefulCancel",
  isGracefullyCanceled: context.terminationReason === "gracefulCancel",
  isMaxBuffer: errorInfo.error instanceof MaxBufferError,
  isForcefullyTerminated: context.isForcefullyTerminated,
  exitCode,
  signal,
  stdio,
  all,
  ipcOutput,
  options: options2,
  startTime,
  isSync: false
}) : makeSuccessResult({
  command,
  escapedCommand,
  stdio,
  all,
  ipcOutput,
  options: options2,
  startTime
});

// node_modules/execa/lib/methods/bind.js
var mergeOptions = (boundOptions, options2) => {
  const newOptions = Object.fromEntries(
    Object.entries(options2).map(([optionName, optionValue]) => [
      optionName,
      mergeOption(optionName, boundOptions[optionName], optionValue)
    ])
  );
  return { ...boundOptions, ...newOptions };
};
var mergeOption = (optionName, boundOptionValue, optionValue) => {
  if (DEEP_OPTIONS.has(optionName) && isPlainObject(boundOptionValue) && isPlainObject(optionValue)) {
    return { ...boundOptionValue, ...optionValue };
  }
  return optionValue;
};
var DEEP_OPTIONS = /* @__PURE__ */ new Set(["env", ...FD_SPECIFIC_OPTIONS]);

// node_modules/execa/lib/methods/create.js
var createExeca = (mapArguments, boundOptions, deepOptions, setBoundExeca) => {
  const createNested = (mapArguments2, boundOptions2, setBoundExeca2) => createExeca(mapArguments2, boundOptions2, deepOptions, setBoundExeca2);
  const boundExeca = (...execaArguments) => callBoundExeca({
    mapArguments,
    deepOptions,
    boundOptions,
    setBoundExeca,
    createNested
  }, ...execaArguments);
  if (setBoundExeca !== void 0) {
    setBoundExeca(boundExeca, createNested, boundOptions);
  }
  return boundExeca;
};
var callBoundExeca = ({ mapArguments, deepOptions = {}, boundOptions = {}, setBoundExeca, createNested }, firstArgument, ...nextArguments) => {
  if (isPlainObject(firstArgument)) {
    return createNested(mapArguments, mergeOptions(boundOptions, firstArgument), setBoundExeca);
  }
  const { file, commandArguments, options: options2, isSync } = parseArguments({
    mapArguments,
    firstArgument,
    nextArguments,
    deepOptions,
    boundOptions
  });
  return isSync ? execaCoreSync(file, commandArguments, options2) : execaCoreAsync(file, commandArguments, options2, createNested);
};
var parseArguments = ({ mapArguments, firstArgument, nextArguments, deepOptions, boundOptions }) => {
  const callArguments = isTemplateString(firstArgument) ? parseTemplates(firstArgument, nextArguments) : [firstArgument, ...nextArguments];
  const [initialFile, initialArguments, initialOptions] = normalizeParameters(...callArguments);
  const mergedOptions = mergeOptions(mergeOptions(deepOptions, boundOptions), initialOptions);
  const {
    file = initialFile,
    commandArguments = initialArguments,
    options: options2 = mergedOptions,
    isSync = false
  } = mapArguments({ file: initialFile, commandArguments: initialArguments, options: mergedOptions });
  return {
    file,
    commandArguments,
    options: options2,
    isSync
  };
};

// node_modules/execa/lib/methods/command.js
var mapCommandAsync = ({ file, commandArguments }) => parseCommand(file, commandArguments);
var mapCommandSync = ({ file, commandArguments }) => ({ ...parseCommand(file, commandArguments), isSync: true });
var parseCommand = (command, unusedArguments) => {
  if (unusedArguments.length > 0) {
    throw new TypeError(`The command and its arguments must be passed as a single string: ${command} ${unusedArguments}.`);
  }
  const [file, ...commandArguments] = parseCommandString(command);
  return { file, commandArguments };
};
var parseCommandString = (command) => {
  if (typeof command !== "string") {
    throw new TypeError(`The command must be a string: ${String(command)}.`);
  }
  const trimmedCommand = command.trim();
  if (trimmedCommand === "") {
    return [];
  }
  const tokens = [];
  for (const token of trimmedCommand.split(SPACES_REGEXP)) {
    const previousToken = tokens.at(-1);
    if (previousToken && previousToken.endsWith("\\")) {
      tokens[tokens.length - 1] = `${previousToken.slice(0, -1)} ${token}`;
    } else {
      tokens.push(token);
    }
  }
  return tokens;
};
var SPACES_REGEXP = / +/g;

// node_modules/execa/lib/methods/script.js
var setScriptSync = (boundExeca, createNested, boundOptions) => {
  boundExeca.sync = createNested(mapScriptSync, boundOptions);
  boundExeca.s = boundExeca.sync;
};
var mapScriptAsync = ({ options: options2 }) => getScriptOptions(options2);
var mapScriptSync = ({ options: options2 }) => ({ ...getScriptOptions(options2), isSync: true });
var getScriptOptions = (options2) => ({ options: { ...getScriptStdinOption(options2), ...options2 } });
var getScriptStdinOption = ({ input, inputFile, stdio }) => input === void 0 && inputFile === void 0 && stdio === void 0 ? { stdin: "inherit" } : {};
var deepScriptOptions = { preferLocal: true };

// node_modules/execa/index.js
var execa = createExeca(() => ({}));
var execaSync = createExeca(() => ({ isSync: true }));
var execaCommand = createExeca(mapCommandAsync);
var execaCommandSync = createExeca(mapCommandSync);
var execaNode = createExeca(mapNode);
var $ = createExeca(mapScriptAsync, {}, deepScriptOptions, setScriptSync);
var {
  sendMessage: sendMessage2,
  getOneMessage: getOneMessage2,
  getEachMessage: getEachMessage2,
  getCancelSignal: getCancelSignal2
} = getIpcExport();

// src/shared/exec.ts
var BASE_KEEP = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TERM", "USER", "LOGNAME", "SHELL", "TZ"];
function scrubbedEnv(extra = {}) {
  const env = {};
  for (const name of BASE_KEEP) {
    const value2 = process.env[name];
    if (value2 !== void 0) env[name] = value2;
  }
  if (!env.PATH) env.PATH = "/usr/local/bin:/usr/bin:/bin";
  env.LC_ALL = "C.UTF-8";
  env.LANG = "C.UTF-8";
  for (const [k, v] of Object.entries(extra)) {
    if (v === void 0) delete env[k];
    else env[k] = v;
  }
  return env;
}
var live = /* @__PURE__ */ new Set();
function killRunningChildren() {
  let n2 = 0;
  for (const child of live) {
    if (child.kill("SIGKILL")) n2++;
  }
  return n2;
}
async function run(file, args, opts = {}) {
  const options2 = {
    cwd: opts.cwd,
    env: opts.env ?? scrubbedEnv(),
    extendEnv: false,
    reject: false,
    timeout: opts.timeoutMs,
    killSignal: "SIGKILL",
    input: opts.input,
    stdin: opts.input === void 0 ? "ignore" : void 0,
    stripFinalNewline: false,
    maxBuffer: 256 * 1024 * 1024,
    ...opts.stream ? { stdout: ["pipe", process.stderr], stderr: ["pipe", process.stderr] } : {}
  };
  const child = execa(file, [...args], options2);
  live.add(child);
  let result;
  try {
    result = await child;
  } finally {
    live.delete(child);
  }
  const code = result.code;
  const spawnFailed = result.exitCode === void 0 && !result.timedOut && !result.signal && code !== void 0;
  return {
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    timedOut: Boolean(result.timedOut),
    signal: result.signal ?? void 0,
    spawnError: spawnFailed ? `${code}: ${result.originalMessage ?? ""}` : void 0
  };
}
function tail(text, n2 = 20) {
  const lines = text.trimEnd().split("\n");
  return lines.slice(-n2).join("\n");
}

// src/shared/canonical.ts
import { createHash } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
function canonicalJson(value2) {
  return JSON.stringify(sortDeep(value2));
}
function sortDeep(value2) {
  if (Array.isArray(value2)) return value2.map(sortDeep);
  if (value2 !== null && typeof value2 === "object") {
    const out2 = {};
    for (const key2 of Object.keys(value2).sort()) {
      const v = value2[key2];
      if (v !== void 0) out2[key2] = sortDeep(v);
    }
    return out2;
  }
  return value2;
}
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
async function sha256OfFile(path6) {
  const h2 = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream2(path6)) {
    h2.update(chunk);
    size += chunk.length;
  }
  return { sha256: h2.digest("hex"), size };
}

// src/core/interpreter/fingerprint.ts
var PROBE = `
import sys, json, struct, sysconfig, platform, os
v = sysconfig.get_config_var
impl = getattr(sys, 'implementation', None)
libc = ''
try:
    libc = os.confstr('CS_GNU_LIBC_VERSION') or ''
except (AttributeError, ValueError, OSError):
    pass
if not libc:
    name, ver = platform.libc_ver()
    libc = (name + ' ' + ver).strip()
raw = {
  'implementation': impl.name if impl else platform.python_implementation().lower(),
  'cache_tag': impl.cache_tag if impl else None,
  'version_info': list(sys.version_info),
  'SOABI': v('SOABI'), 'EXT_SUFFIX': v('EXT_SUFFIX'), 'ABIFLAGS': v('ABIFLAGS'),
  'Py_ENABLE_SHARED': v('Py_ENABLE_SHARED'), 'LDLIBRARY': v('LDLIBRARY'), 'INSTSONAME': v('INSTSONAME'),
  'Py_DEBUG': v('Py_DEBUG'), 'Py_TRACE_REFS': v('Py_TRACE_REFS'), 'Py_GIL_DISABLED': v('Py_GIL_DISABLED'),
  'MULTIARCH': v('MULTIARCH'), 'HOST_GNU_TYPE': v('HOST_GNU_TYPE'), 'machine': platform.machine(),
  'pointer_bits': struct.calcsize('P') * 8, 'byteorder': sys.byteorder,
  'libc': libc, 'CONFIG_ARGS': v('CONFIG_ARGS') or '',
}
sys.stdout.write('PYHERMETIC-PROBE ' + json.dumps(raw) + '\\n')
`;
var ABI_SWITCHES = [
  "--enable-shared",
  "--with-pydebug",
  "--disable-gil",
  "--with-trace-refs",
  "--without-pymalloc"
];
function splitConfigArgs(configArgs) {
  const words = [];
  let cur = "";
  let inWord = false;
  let quote = null;
  for (let i2 = 0; i2 < configArgs.length; i2++) {
    const ch = configArgs[i2];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === "\\" && quote === '"' && i2 + 1 < configArgs.length) cur += configArgs[++i2];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i2 + 1 < configArgs.length) {
      cur += configArgs[++i2];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
function abiSwitches(configArgs) {
  const found = /* @__PURE__ */ new Set();
  for (const word of splitConfigArgs(configArgs)) {
    const [flag, value2] = word.split("=", 2);
    if (!ABI_SWITCHES.includes(flag)) continue;
    if (value2 !== void 0 && ["no", "false", "0"].includes(value2.toLowerCase())) continue;
    found.add(flag);
  }
  return [...found].sort();
}
var asFlag = (v) => v === 1 || v === "1" || v === true ? 1 : 0;
var asText = (v) => v === null || v === void 0 || v === "" ? null : String(v);
function reduceFields(raw) {
  const libc = String(raw.libc ?? "").trim();
  const [family, version] = libc.includes(" ") ? libc.split(/\s+/, 2) : [libc || "unknown", ""];
  return {
    implementation: String(raw.implementation ?? "unknown"),
    cache_tag: asText(raw.cache_tag),
    version_info: Array.isArray(raw.version_info) ? raw.version_info.map((x) => typeof x === "number" ? x : String(x)) : [],
    SOABI: asText(raw.SOABI),
    EXT_SUFFIX: asText(raw.EXT_SUFFIX),
    ABIFLAGS: raw.ABIFLAGS === null || raw.ABIFLAGS === void 0 ? null : String(raw.ABIFLAGS),
    Py_ENABLE_SHARED: asFlag(raw.Py_ENABLE_SHARED),
    LDLIBRARY: asText(raw.LDLIBRARY),
    INSTSONAME: asText(raw.INSTSONAME),
    Py_DEBUG: asFlag(raw.Py_DEBUG),
    Py_TRACE_REFS: asFlag(raw.Py_TRACE_REFS),
    Py_GIL_DISABLED: asFlag(raw.Py_GIL_DISABLED),
    MULTIARCH: asText(raw.MULTIARCH),
    HOST_GNU_TYPE: asText(raw.HOST_GNU_TYPE),
    machine: String(raw.machine ?? ""),
    pointer_bits: Number(raw.pointer_bits ?? 0),
    byteorder: String(raw.byteorder ?? ""),
    libc_family: family === "glibc" ? "glibc" : family.toLowerCase(),
    libc_version: version ?? "",
    abi_switches: abiSwitches(String(raw.CONFIG_ARGS ?? ""))
  };
}
function fingerprintOf(fields) {
  return sha256Hex(canonicalJson(fields));
}
function compareFields(a2, b) {
  const diffs = [];
  const keys = [.../* @__PURE__ */ new Set([...Object.keys(a2), ...Object.keys(b)])];
  for (const key2 of keys) {
    const va = a2[key2];
    const vb = b[key2];
    if (canonicalJson(va) !== canonicalJson(vb)) diffs.push({ field: key2, a: va, b: vb });
  }
  return diffs;
}
function describe(fields) {
  const [major, minor, micro, level, serial] = fields.version_info;
  const pre = level && level !== "final" ? `${String(level)[0]}${serial}` : "";
  return {
    version: `${fields.implementation} ${major}.${minor}.${micro}${pre}`,
    linkage: fields.Py_ENABLE_SHARED ? `shared (${fields.INSTSONAME ?? fields.LDLIBRARY})` : "static",
    debug: fields.Py_DEBUG ? "yes" : "no",
    abi: fields.SOABI ?? `${fields.cache_tag}${fields.ABIFLAGS ?? ""}`,
    libc: `${fields.libc_family} ${fields.libc_version}`.trim(),
    machine: `${fields.machine} ${fields.pointer_bits}-bit ${fields.byteorder}-endian`
  };
}
var DEFAULT_TIMEOUT_MS = 3e4;
async function fingerprintPython(python, opts = {}) {
  let resolved;
  try {
    resolved = await realpath(python);
  } catch {
    throw new UsageError(
      `no such file: ${python}`,
      "pass the path of a python executable, e.g. /usr/bin/python3 or <prefix>/bin/python3"
    );
  }
  const st = await stat(resolved);
  if (st.isDirectory()) {
    throw new EnvironmentError(
      `${python} is a directory, not a python executable`,
      `pass its interpreter, e.g. ${python.replace(/\/$/, "")}/bin/python3`
    );
  }
  if ((st.mode & 73) === 0) {
    throw new EnvironmentError(
      `${python} is not executable (mode ${(st.mode & 511).toString(8)})`,
      "pass an executable python, or chmod +x it if it is one"
    );
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const res = await run(resolved, ["-E", "-s", "-S", "-c", PROBE], { cwd: "/", env: scrubbedEnv(), timeoutMs });
  if (res.timedOut) {
    throw new EnvironmentError(
      `${python} did not answer the probe within ${timeoutMs / 1e3} s and was killed`,
      "check that it is a working python (run it by hand), or raise --timeout"
    );
  }
  if (res.spawnError) {
    throw new EnvironmentError(
      `could not run ${python}: ${res.spawnError}`,
      "pass the path of a working python executable"
    );
  }
  const line = res.stdout.split("\n").find((l) => l.startsWith("PYHERMETIC-PROBE "));
  if (res.exitCode !== 0 || !line) {
    const said = tail(`${res.stdout}${res.stderr}`.trim(), 8) || "(no output)";
    throw new EnvironmentError(
      `${python} is not a python this can fingerprint: the probe exited ${res.exitCode ?? res.signal} and printed:
${said.replace(/^/gm, "    ")}`,
      "pass the path of a CPython 3.6+ executable"
    );
  }
  let raw;
  try {
    raw = JSON.parse(line.slice("PYHERMETIC-PROBE ".length));
  } catch {
    throw new EnvironmentError(
      `${python} answered the probe with something that is not JSON: ${line.slice(0, 200)}`,
      "pass a CPython 3.6+ executable"
    );
  }
  const fields = reduceFields(raw);
  const [major, minor] = fields.version_info;
  if (fields.implementation !== "cpython") {
    throw new UsageError(
      `${python} is ${fields.implementation} ${major}.${minor}: unsupported`,
      "pyhermetic supports CPython 3.6 and newer"
    );
  }
  if (major < 3 || major === 3 && minor < 6) {
    throw new UsageError(
      `${python} is CPython ${fields.version_info.slice(0, 3).join(".")}: unsupported`,
      "pyhermetic supports CPython 3.6 and newer"
    );
  }
  return { fingerprint: fingerprintOf(fields), fields, python: resolved };
}

// src/shared/log.ts
var sink = () => {
};
function setLogSink(next) {
  const previous = sink;
  sink = next;
  return previous;
}
function info(message) {
  sink("info", message);
}
function warn(message) {
  sink("warn", message);
}
function error(message) {
  sink("error", message);
}
function out(text) {
  sink("out", text);
}
async function stage(name, run2) {
  const started = Date.now();
  info(`== ${name}`);
  try {
    const result = await run2();
    info(`== ${name} (${seconds(Date.now() - started)}): ok`);
    return result;
  } catch (err) {
    info(`== ${name} (${seconds(Date.now() - started)}): failed`);
    throw err;
  }
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
}

// src/commands/command.ts
function printJson(doc) {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}
`);
}
function stringOption(values, name) {
  const v = values[name];
  return typeof v === "string" ? v : void 0;
}
function listOption(values, name) {
  const v = values[name];
  if (v === void 0) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

// src/commands/fingerprint.ts
function human(fp) {
  const d = describe(fp.fields);
  return [
    `fingerprint ${fp.fingerprint}`,
    `  python   ${fp.python}`,
    `  version  ${d.version}`,
    `  linkage  ${d.linkage}`,
    `  debug    ${d.debug}`,
    `  abi      ${d.abi}`,
    `  libc     ${d.libc}`,
    `  machine  ${d.machine}`
  ].join("\n");
}
var show = (v) => typeof v === "string" ? v : JSON.stringify(v);
var fingerprintCommand = {
  name: "fingerprint",
  summary: "Print the ABI fingerprint of a Python interpreter (the key of its pip cache scope)",
  usage: "fingerprint --python PATH [--compare PATH2] [--timeout SECONDS] [--json]",
  help: `options:
  --python PATH      the interpreter to fingerprint (CPython 3.6 or newer)
  --compare PATH2    a second interpreter: exit 0 when both fingerprints are equal, 1 when they differ
  --timeout SECONDS  kill the probe after this long (default 30)
  --json             print {"fingerprint", "fields", "python"} (with --compare: {"equal", "a", "b", "differences"})

The fingerprint covers what decides binary compatibility of compiled extensions: version_info, SOABI,
EXT_SUFFIX, ABIFLAGS, Py_ENABLE_SHARED, LDLIBRARY, INSTSONAME, debug/trace-refs/GIL switches, target
triplet, pointer size, byte order, libc, and the ABI switches of CONFIG_ARGS. Paths are not part of it.`,
  options: {
    python: { type: "string" },
    compare: { type: "string" },
    timeout: { type: "string" }
  },
  async run({ values, json }) {
    const python = stringOption(values, "python");
    if (!python)
      throw new UsageError(
        "fingerprint needs --python PATH",
        "usage: pyhermetic fingerprint --python PATH [--compare PATH2] [--json]"
      );
    const timeoutText = stringOption(values, "timeout");
    let timeoutMs;
    if (timeoutText !== void 0) {
      const s = Number(timeoutText);
      if (!Number.isFinite(s) || s <= 0)
        throw new UsageError(`--timeout must be a positive number of seconds, got '${timeoutText}'`);
      timeoutMs = s * 1e3;
    }
    const a2 = await fingerprintPython(python, { timeoutMs });
    const comparePath = stringOption(values, "compare");
    if (!comparePath) {
      if (json) printJson(a2);
      else out(human(a2));
      return 0;
    }
    const b = await fingerprintPython(comparePath, { timeoutMs });
    const differences = compareFields(a2.fields, b.fields);
    const equal = a2.fingerprint === b.fingerprint;
    if (json) {
      printJson({ equal, a: a2, b, differences });
    } else {
      out(`${human(a2)}
${human(b)}`);
      if (equal) out("equal: the two interpreters have the same fingerprint");
      else {
        out(`different: ${differences.length} field(s) differ`);
        for (const d of differences) out(`  ${d.field}: ${show(d.a)} ≠ ${show(d.b)}`);
      }
    }
    return equal ? 0 : 1;
  }
};

// src/commands/pipeline.ts
import { realpathSync as realpathSync2 } from "node:fs";
import { join as join20, resolve as resolve10 } from "node:path";

// src/pipeline/pipeline-config.ts
import { readFile as readFile7 } from "node:fs/promises";
import { basename as basename6, dirname as dirname5, isAbsolute as isAbsolute2, resolve as resolve6 } from "node:path";

// src/core/abi/linkage.ts
import { posix } from "node:path";

// src/core/abi/elf.ts
var ElfFormatError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ElfFormatError";
  }
};
var MAGIC = [127, 69, 76, 70];
var MAX_HEADERS = 65536;
var MAX_DYNAMIC_ENTRIES = 1 << 20;
var MAX_VERNEED = 4096;
var MAX_VERNAUX = 4096;
var ET = { 1: "rel", 2: "exec", 3: "dyn", 4: "core" };
var PT_LOAD = 1;
var PT_DYNAMIC = 2;
var PT_INTERP = 3;
var SHT_DYNAMIC = 6;
var SHT_GNU_VERNEED = 1879048190;
var DT_NULL = 0;
var DT_NEEDED = 1;
var DT_STRTAB = 5;
var DT_STRSZ = 10;
var DT_SONAME = 14;
var DT_RPATH = 15;
var DT_RUNPATH = 29;
var DT_VERNEED = 1879048190;
var DT_VERNEEDNUM = 1879048191;
function isElf(buf) {
  return buf.length >= 4 && MAGIC.every((b, i2) => buf[i2] === b);
}
var Reader = class {
  constructor(buf, bits, little) {
    this.buf = buf;
    this.bits = bits;
    this.little = little;
  }
  buf;
  bits;
  little;
  check(off, size, what) {
    if (!Number.isSafeInteger(off) || off < 0 || off + size > this.buf.length) {
      throw new ElfFormatError(
        `truncated or corrupt: ${what} at offset ${off} (+${size}) lies outside the file (${this.buf.length} bytes)`
      );
    }
  }
  u8(off, what) {
    this.check(off, 1, what);
    return this.buf[off];
  }
  u16(off, what) {
    this.check(off, 2, what);
    return this.little ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }
  u32(off, what) {
    this.check(off, 4, what);
    return this.little ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }
  /** A 64-bit value as a Number; values beyond 2^53 cannot be an offset in a Buffer, so they are corrupt. */
  u64(off, what) {
    this.check(off, 8, what);
    const v = this.little ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off);
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new ElfFormatError(`corrupt: ${what} at offset ${off} is ${v}, beyond any file offset`);
    return Number(v);
  }
  /** A signed 64-bit value (d_tag), clamped into the Number range; only small tags matter to us. */
  i64(off, what) {
    this.check(off, 8, what);
    const v = this.little ? this.buf.readBigInt64LE(off) : this.buf.readBigInt64BE(off);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return -1;
    return Number(v);
  }
  /** An Elf_Addr / Elf_Off / Elf_Xword sized field. */
  word(off, what) {
    return this.bits === 64 ? this.u64(off, what) : this.u32(off, what);
  }
};
function readProgramHeaders(r, phoff, phentsize, phnum) {
  const min = r.bits === 64 ? 56 : 32;
  if (phnum === 0) return [];
  if (phentsize < min)
    throw new ElfFormatError(`corrupt: program header entry size ${phentsize} is smaller than ${min}`);
  if (phnum > MAX_HEADERS) throw new ElfFormatError(`corrupt: ${phnum} program headers (more than ${MAX_HEADERS})`);
  range(r, phoff, phnum * phentsize, `the program header table (${phnum} entries)`);
  const out2 = [];
  for (let i2 = 0; i2 < phnum; i2++) {
    const b = phoff + i2 * phentsize;
    const what = `program header ${i2}`;
    if (r.bits === 64) {
      out2.push({
        type: r.u32(b, what),
        offset: r.u64(b + 8, what),
        vaddr: r.u64(b + 16, what),
        filesz: r.u64(b + 32, what)
      });
    } else {
      out2.push({
        type: r.u32(b, what),
        offset: r.u32(b + 4, what),
        vaddr: r.u32(b + 8, what),
        filesz: r.u32(b + 16, what)
      });
    }
  }
  return out2;
}
function readSectionHeader(r, b, i2) {
  const what = `section header ${i2}`;
  if (r.bits === 64) {
    return {
      type: r.u32(b + 4, what),
      offset: r.u64(b + 24, what),
      size: r.u64(b + 32, what),
      link: r.u32(b + 40, what),
      info: r.u32(b + 44, what)
    };
  }
  return {
    type: r.u32(b + 4, what),
    offset: r.u32(b + 16, what),
    size: r.u32(b + 20, what),
    link: r.u32(b + 24, what),
    info: r.u32(b + 28, what)
  };
}
function readSectionHeaders(r, shoff, shentsize, shnum) {
  if (shoff === 0) return [];
  const min = r.bits === 64 ? 64 : 40;
  if (shentsize < min)
    throw new ElfFormatError(`corrupt: section header entry size ${shentsize} is smaller than ${min}`);
  const count2 = shnum === 0 ? readSectionHeader(r, shoff, 0).size : shnum;
  if (count2 > MAX_HEADERS) throw new ElfFormatError(`corrupt: ${count2} section headers (more than ${MAX_HEADERS})`);
  range(r, shoff, count2 * shentsize, `the section header table (${count2} entries)`);
  const out2 = [];
  for (let i2 = 0; i2 < count2; i2++) out2.push(readSectionHeader(r, shoff + i2 * shentsize, i2));
  return out2;
}
function range(r, offset, size, what) {
  if (!Number.isSafeInteger(offset + size) || offset < 0 || size < 0 || offset + size > r.buf.length) {
    throw new ElfFormatError(
      `truncated or corrupt: ${what} (offset ${offset}, ${size} bytes) lies outside the file (${r.buf.length} bytes)`
    );
  }
  return { start: offset, end: offset + size };
}
function addrToOffset(loads, addr) {
  for (const p of loads) {
    if (addr >= p.vaddr && addr < p.vaddr + p.filesz) return addr - p.vaddr + p.offset;
  }
  return void 0;
}
function readString(r, table, index, what) {
  const start = table.start + index;
  if (!Number.isSafeInteger(index) || index < 0 || start >= table.end) {
    throw new ElfFormatError(
      `corrupt: ${what} points at string ${index}, outside the dynamic string table (${table.end - table.start} bytes)`
    );
  }
  const nul = r.buf.indexOf(0, start);
  if (nul < 0 || nul >= table.end)
    throw new ElfFormatError(`corrupt: ${what} (string ${index}) runs past the end of the dynamic string table`);
  return r.buf.toString("utf8", start, nul);
}
function readDynamic(r, dyn) {
  const size = r.bits === 64 ? 16 : 8;
  const out2 = [];
  for (let off = dyn.start; off + size <= dyn.end; off += size) {
    if (out2.length >= MAX_DYNAMIC_ENTRIES)
      throw new ElfFormatError(`corrupt: more than ${MAX_DYNAMIC_ENTRIES} dynamic entries`);
    const tag = r.bits === 64 ? r.i64(off, "dynamic entry") : r.u32(off, "dynamic entry");
    if (tag === DT_NULL) break;
    const wanted = [
      DT_NEEDED,
      DT_STRTAB,
      DT_STRSZ,
      DT_SONAME,
      DT_RPATH,
      DT_RUNPATH,
      DT_VERNEED,
      DT_VERNEEDNUM
    ].includes(tag);
    out2.push({ tag, val: wanted ? r.word(off + size / 2, "dynamic entry value") : 0 });
  }
  return out2;
}
function readVersionNeeds(r, start, count2, strtab, limit) {
  if (count2 > MAX_VERNEED)
    throw new ElfFormatError(`corrupt: ${count2} version-need entries (more than ${MAX_VERNEED})`);
  const out2 = [];
  let off = start;
  for (let i2 = 0; i2 < count2; i2++) {
    const what = `version need ${i2}`;
    if (off + 16 > limit)
      throw new ElfFormatError(`truncated or corrupt: ${what} at offset ${off} lies outside its section`);
    const cnt = r.u16(off + 2, what);
    const file = readString(r, strtab, r.u32(off + 4, what), `${what} file name`);
    const aux = r.u32(off + 8, what);
    const next = r.u32(off + 12, what);
    if (cnt > MAX_VERNAUX)
      throw new ElfFormatError(`corrupt: ${what} claims ${cnt} versions (more than ${MAX_VERNAUX})`);
    const versions = [];
    let a2 = off + aux;
    for (let j = 0; j < cnt; j++) {
      const w = `${what} version ${j}`;
      if (a2 + 16 > limit)
        throw new ElfFormatError(`truncated or corrupt: ${w} at offset ${a2} lies outside its section`);
      versions.push(readString(r, strtab, r.u32(a2 + 8, w), w));
      const an = r.u32(a2 + 12, w);
      if (an === 0) break;
      a2 += an;
    }
    out2.push({ file, versions });
    if (next === 0) break;
    off += next;
  }
  return out2;
}
var splitPath = (s) => s === "" ? [] : s.split(":");
function parseElf(buf) {
  if (!isElf(buf)) throw new ElfFormatError("not an ELF file (no \\x7fELF magic)");
  if (buf.length < 16) throw new ElfFormatError(`truncated: ${buf.length} bytes, shorter than the ELF identification`);
  const cls = buf[4];
  const data = buf[5];
  if (cls !== 1 && cls !== 2) throw new ElfFormatError(`corrupt: unknown ELF class ${cls} (1 = 32-bit, 2 = 64-bit)`);
  if (data !== 1 && data !== 2)
    throw new ElfFormatError(`corrupt: unknown ELF data encoding ${data} (1 = little, 2 = big endian)`);
  const bits = cls === 2 ? 64 : 32;
  const r = new Reader(buf, bits, data === 1);
  const ehsize = bits === 64 ? 64 : 52;
  if (buf.length < ehsize)
    throw new ElfFormatError(`truncated: ${buf.length} bytes, shorter than the ${bits}-bit ELF header (${ehsize})`);
  const etype = r.u16(16, "e_type");
  const machine = r.u16(18, "e_machine");
  const [phoff, shoff] = bits === 64 ? [r.u64(32, "e_phoff"), r.u64(40, "e_shoff")] : [r.u32(28, "e_phoff"), r.u32(32, "e_shoff")];
  const h2 = bits === 64 ? 54 : 42;
  const phentsize = r.u16(h2, "e_phentsize");
  let phnum = r.u16(h2 + 2, "e_phnum");
  const shentsize = r.u16(h2 + 4, "e_shentsize");
  const shnum = r.u16(h2 + 6, "e_shnum");
  const sections = readSectionHeaders(r, shoff, shentsize, shnum);
  if (phnum === 65535 && sections.length > 0) phnum = sections[0].info;
  const programs = readProgramHeaders(r, phoff, phentsize, phnum);
  const info2 = {
    bits,
    endian: data === 1 ? "little" : "big",
    type: ET[etype] ?? "other",
    machine,
    needed: [],
    runpath: [],
    rpath: [],
    versionNeeds: []
  };
  const interp = programs.find((p) => p.type === PT_INTERP);
  if (interp) {
    const ir = range(r, interp.offset, interp.filesz, "PT_INTERP");
    const nul = buf.indexOf(0, ir.start);
    info2.interpreter = buf.toString("utf8", ir.start, nul >= 0 && nul < ir.end ? nul : ir.end);
  }
  const loads = programs.filter((p) => p.type === PT_LOAD);
  const dynSeg = programs.find((p) => p.type === PT_DYNAMIC);
  const dynSec = sections.find((s) => s.type === SHT_DYNAMIC);
  let dynRange;
  if (dynSeg) dynRange = range(r, dynSeg.offset, dynSeg.filesz, "PT_DYNAMIC");
  else if (dynSec) dynRange = range(r, dynSec.offset, dynSec.size, "the dynamic section");
  if (!dynRange) return info2;
  const entries = readDynamic(r, dynRange);
  const first = (tag) => entries.find((e) => e.tag === tag)?.val;
  let strtab;
  const strAddr = first(DT_STRTAB);
  const strOff = strAddr === void 0 ? void 0 : addrToOffset(loads, strAddr);
  if (strOff !== void 0) {
    const strsz = first(DT_STRSZ);
    const size = strsz === void 0 ? buf.length - strOff : Math.min(strsz, buf.length - strOff);
    strtab = range(r, strOff, size, "the dynamic string table");
  } else if (dynSec && dynSec.link > 0 && dynSec.link < sections.length) {
    const s = sections[dynSec.link];
    strtab = range(r, s.offset, s.size, "the dynamic string table section");
  }
  const needsStrings = entries.some((e) => [DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH].includes(e.tag));
  if (!strtab) {
    if (needsStrings || first(DT_VERNEED) !== void 0)
      throw new ElfFormatError("corrupt: dynamic entries name strings but the dynamic string table cannot be located");
    return info2;
  }
  for (const e of entries) {
    if (e.tag === DT_NEEDED) info2.needed.push(readString(r, strtab, e.val, "DT_NEEDED"));
    else if (e.tag === DT_SONAME && info2.soname === void 0) info2.soname = readString(r, strtab, e.val, "DT_SONAME");
    else if (e.tag === DT_RUNPATH) info2.runpath.push(...splitPath(readString(r, strtab, e.val, "DT_RUNPATH")));
    else if (e.tag === DT_RPATH) info2.rpath.push(...splitPath(readString(r, strtab, e.val, "DT_RPATH")));
  }
  const vnAddr = first(DT_VERNEED);
  const vnOff = vnAddr === void 0 ? void 0 : addrToOffset(loads, vnAddr);
  const vnSec = sections.find((s) => s.type === SHT_GNU_VERNEED);
  if (vnOff !== void 0) {
    info2.versionNeeds = readVersionNeeds(r, vnOff, first(DT_VERNEEDNUM) ?? vnSec?.info ?? 0, strtab, buf.length);
  } else if (vnSec) {
    const vr = range(r, vnSec.offset, vnSec.size, "the version-need section");
    info2.versionNeeds = readVersionNeeds(r, vr.start, vnSec.info, strtab, vr.end);
  }
  return info2;
}
function compareVersions(a2, b) {
  const pa = a2.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i2 = 0; i2 < Math.max(pa.length, pb.length); i2++) {
    const d = (pa[i2] ?? 0) - (pb[i2] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
function glibcVersions(info2) {
  const out2 = /* @__PURE__ */ new Set();
  for (const need of info2.versionNeeds) {
    for (const v of need.versions) {
      const m = /^GLIBC_(\d+(?:\.\d+)*)$/.exec(v);
      if (m) out2.add(m[1]);
    }
  }
  return [...out2].sort(compareVersions);
}
function maxGlibcVersion(info2) {
  const all = glibcVersions(info2);
  return all.length > 0 ? all[all.length - 1] : void 0;
}

// src/core/abi/linkage.ts
var SYSTEM_LIBRARY_ALLOWLIST = {
  "libc.so.6": "glibc itself",
  "libm.so.6": "glibc: the math library",
  "libdl.so.2": "glibc: dlopen (a stub since glibc 2.34, still present)",
  "libpthread.so.0": "glibc: threads (a stub since glibc 2.34, still present)",
  "librt.so.1": "glibc: realtime extensions (a stub since glibc 2.34, still present)",
  "libutil.so.1": "glibc: openpty/forkpty (a stub since glibc 2.34, still present)",
  "libcrypt.so.1": "libxcrypt, the crypt(3) every glibc distribution ships (CPython's _crypt needs it)",
  "libresolv.so.2": "glibc: the DNS resolver",
  // manylinux (PEP 600 / auditwheel policy) guarantees these on every host a manylinux wheel may be
  // installed on, so real wheels rely on them instead of bundling: without them no C++ or Fortran-built
  // wheel (scipy, grpcio, pandas) and no Pillow would ever pass. They are the only non-glibc entries.
  "libgcc_s.so.1": "manylinux policy: the GCC runtime (unwinding), on every manylinux host",
  "libstdc++.so.6": "manylinux policy: the C++ runtime, on every manylinux host",
  "libz.so.1": "manylinux policy (auditwheel): zlib, on every manylinux host"
};
var LD_LINUX = /^ld-linux(?:-[A-Za-z0-9_-]+)?\.so\.\d+$/;
var LIBPYTHON = /^libpython\d+(?:\.\d+)?[a-z]*\.so(?:\.[0-9.]+)?$/;
function isLibpython(name) {
  return LIBPYTHON.test(name);
}
function isSystemLibrary(name) {
  return Object.hasOwn(SYSTEM_LIBRARY_ALLOWLIST, name) || LD_LINUX.test(name);
}
var GLIBC_LIBRARIES = [
  "libc.so.6",
  "libm.so.6",
  "libpthread.so.0",
  "libdl.so.2",
  "librt.so.1",
  "libutil.so.1",
  "ld-linux-x86-64.so.2"
];
function isGlibcLibrary(name) {
  return GLIBC_LIBRARIES.includes(name) || LD_LINUX.test(name);
}
var SONAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_+.-]*\.so(\.[0-9]+)*$/;
function compareGlibc(a2, b) {
  return compareVersions(a2.replace(/^GLIBC_/, ""), b.replace(/^GLIBC_/, ""));
}
function parseGlibcVersion(text) {
  const m = /^(?:GLIBC_)?(\d+\.\d+(?:\.\d+)?)$/.exec(text.trim());
  return m ? m[1] : void 0;
}
function systemLibrary(ctx) {
  return ctx.glibcOnly ? isGlibcLibrary : isSystemLibrary;
}
var ORIGIN = /^\$(?:ORIGIN|\{ORIGIN\})(?=\/|$)/;
function expandOrigin(entry, dirInTree) {
  if (!ORIGIN.test(entry)) return void 0;
  const rest = entry.replace(ORIGIN, "");
  const joined = posix.normalize(posix.join(dirInTree === "" ? "." : dirInTree, `.${rest}`));
  if (joined === ".." || joined.startsWith("../")) return "outside";
  return joined === "." ? "" : joined.replace(/\/$/, "");
}
function searchPathFindings(info2, ctx) {
  const findings = [];
  const lists = [
    ["RUNPATH", info2.runpath],
    ["RPATH", info2.rpath]
  ];
  for (const [kind, entries] of lists) {
    for (const entry of entries) {
      if (ORIGIN.test(entry)) {
        if (ctx.dirInTree !== void 0 && expandOrigin(entry, ctx.dirInTree) === "outside") {
          findings.push({
            path: ctx.path,
            message: `${kind} entry '${entry}' climbs out of the package (from ${ctx.dirInTree || "."})`,
            fix: "the library it looks for is not shipped: bundle it inside the package (auditwheel repair) and point the $ORIGIN path at it"
          });
        }
        continue;
      }
      if (entry.startsWith("/")) {
        findings.push({
          path: ctx.path,
          message: `${kind} entry '${entry}' is an absolute path — a directory of the machine that built this file`,
          fix: "rebuild it with this interpreter from a pyhermetic-scoped cache (or with a relative $ORIGIN rpath); never share a pip cache across interpreters"
        });
      } else {
        findings.push({
          path: ctx.path,
          message: `${kind} entry '${entry}' is relative to the process's working directory${entry === "" ? " (an empty entry)" : ""}`,
          fix: "rebuild it so the entry starts with $ORIGIN (or drop it): a search path that depends on the working directory can load a foreign library"
        });
      }
    }
  }
  return findings;
}
function libpythonFindings(info2, ctx) {
  const findings = [];
  for (const name of info2.needed.filter(isLibpython)) {
    if (ctx.staticInterpreter) {
      findings.push({
        path: ctx.path,
        message: `needs ${name}, but the interpreter is static and has no libpython: this extension was built by a shared interpreter (it fails with "cannot open shared object file")`,
        fix: "built by a shared interpreter: rebuild it with this interpreter (pyhermetic env create gives each interpreter its own cache scope) / never share a pip cache across interpreters"
      });
    } else if (ctx.libpython !== void 0 && name !== ctx.libpython) {
      findings.push({
        path: ctx.path,
        message: `needs ${name}, but the interpreter provides ${ctx.libpython}: it was built by another Python version`,
        fix: "rebuild it with this interpreter; never share a pip cache across interpreters"
      });
    }
  }
  return findings;
}
function glibcFindings(info2, ctx) {
  const above = glibcVersions(info2).filter((v) => compareGlibc(v, ctx.glibcMax) > 0);
  if (above.length === 0) return [];
  const highest = above[above.length - 1];
  return [
    {
      path: ctx.path,
      message: `needs GLIBC_${highest} (${above.map((v) => `GLIBC_${v}`).join(", ")}), above the glibc floor ${ctx.glibcMax}: it does not load on a host with an older glibc`,
      fix: `use a wheel built for manylinux_${ctx.glibcMax.replace(".", "_")} or older (pin a version that has one), or raise --glibc-max to ${highest} if every production host has glibc ${highest} or newer`
    }
  ];
}
function resolvesInTree(name, info2, dirInTree, exists3) {
  const searchPath = info2.runpath.length > 0 ? info2.runpath : info2.rpath;
  for (const entry of searchPath) {
    const dir = expandOrigin(entry, dirInTree);
    if (dir === void 0 || dir === "outside") continue;
    if (exists3(dir === "" ? name : `${dir}/${name}`)) return true;
  }
  return false;
}
function neededFindings(info2, ctx) {
  const exists3 = ctx.existsInTree;
  if (!exists3) return [];
  const dir = ctx.dirInTree ?? "";
  const extra = new Set(ctx.extraAllowed ?? []);
  const isSystem = systemLibrary(ctx);
  const findings = [];
  for (const name of info2.needed) {
    if (isSystem(name) || extra.has(name)) continue;
    if (isLibpython(name)) {
      if (!ctx.staticInterpreter && (exists3(`lib/${name}`) || resolvesInTree(name, info2, dir, exists3))) continue;
      if (!ctx.staticInterpreter) {
        findings.push({
          path: ctx.path,
          message: `needs ${name}, which is not inside the package (not in lib/ nor on its $ORIGIN search path)`,
          fix: "package the interpreter's libpython with it (pack the whole env), or rebuild the extension with this interpreter"
        });
      }
      continue;
    }
    if (name.includes("/")) {
      findings.push({
        path: ctx.path,
        message: `DT_NEEDED '${name}' is a path, not a library name: it only loads where that path exists`,
        fix: "rebuild it linking the library by name (-lfoo) with an $ORIGIN rpath to a bundled copy"
      });
      continue;
    }
    if (resolvesInTree(name, info2, dir, exists3)) continue;
    findings.push({
      path: ctx.path,
      message: `needs ${name}, which resolves neither inside the package (through an $ORIGIN RUNPATH/RPATH) nor is a system library on the allowlist`,
      fix: `bundle ${name} inside the package next to an $ORIGIN rpath (auditwheel repair does this for wheels), or use a wheel that bundles it`
    });
  }
  return findings;
}
function linkageFindings(info2, ctx) {
  return [
    ...libpythonFindings(info2, ctx),
    ...searchPathFindings(info2, ctx),
    ...glibcFindings(info2, ctx),
    ...neededFindings(info2, ctx)
  ];
}
var dirOf = (p) => posix.dirname(p) === "." ? "" : posix.dirname(p);
function treeLinkageFindings(files, rules) {
  const findings = [];
  for (const f of files) findings.push(...linkageFindings(f.info, { ...rules, path: f.path }));
  const byPath2 = new Map(files.map((f) => [f.path, f]));
  const extra = new Set(rules.extraAllowed ?? []);
  const isSystem = systemLibrary(rules);
  const neededNames = new Set(files.flatMap((f) => f.info.needed));
  const isNeededByAnother = (f) => neededNames.has(posix.basename(f.path)) || f.info.soname !== void 0 && neededNames.has(f.info.soname);
  const order = [...files.filter((f) => !isNeededByAnother(f)), ...files.filter(isNeededByAnother)];
  const visited = /* @__PURE__ */ new Set();
  const unresolved = /* @__PURE__ */ new Map();
  for (const root of order) {
    if (visited.has(root)) continue;
    const loaded = /* @__PURE__ */ new Map();
    const parent = /* @__PURE__ */ new Map([[root, void 0]]);
    const queue = [root];
    const markLoaded = (f) => {
      loaded.set(posix.basename(f.path), f);
      if (f.info.soname) loaded.set(f.info.soname, f);
    };
    markLoaded(root);
    for (let i2 = 0; i2 < queue.length && i2 < 1e5; i2++) {
      const obj = queue[i2];
      visited.add(obj);
      for (const name of obj.info.needed) {
        if (isSystem(name) || extra.has(name) || name.includes("/")) continue;
        if (isLibpython(name)) continue;
        if (loaded.has(name)) continue;
        const dirs = [];
        if (obj.info.runpath.length > 0) dirs.push(...obj.info.runpath.map((entry) => ({ owner: obj, entry })));
        else {
          for (let o2 = obj; o2; o2 = parent.get(o2)) {
            if (o2 !== obj && o2.info.runpath.length > 0) break;
            dirs.push(...o2.info.rpath.map((entry) => ({ owner: o2, entry })));
          }
        }
        let found;
        for (const { owner, entry } of dirs) {
          const dir = expandOrigin(entry, dirOf(owner.path));
          if (dir === void 0 || dir === "outside") continue;
          found = byPath2.get(dir === "" ? name : `${dir}/${name}`);
          if (found) break;
        }
        if (!found) {
          if (!unresolved.has(`${obj.path}\0${name}`))
            unresolved.set(`${obj.path}\0${name}`, { path: obj.path, name, root: root.path });
          continue;
        }
        markLoaded(found);
        if (!parent.has(found)) {
          parent.set(found, obj);
          queue.push(found);
        }
      }
    }
  }
  for (const { path: path6, name, root } of unresolved.values()) {
    const via = root === path6 ? "" : ` (when loaded by ${root})`;
    findings.push({
      path: path6,
      message: `needs ${name}${via}, which resolves neither inside the package (through an $ORIGIN RUNPATH/RPATH of it or of what loads it) nor is a system library on the allowlist`,
      fix: `bundle ${name} inside the package next to an $ORIGIN rpath (auditwheel repair does this for wheels), or use a wheel that bundles it`
    });
  }
  if (!rules.staticInterpreter) {
    for (const f of files) {
      for (const name of f.info.needed.filter(isLibpython)) {
        if (byPath2.has(`lib/${name}`) || [...byPath2.keys()].some((p) => posix.basename(p) === name)) continue;
        findings.push({
          path: f.path,
          message: `needs ${name}, which is not inside the package (not in lib/)`,
          fix: "package the interpreter's libpython with it (pack the whole env), or rebuild the extension with this interpreter"
        });
      }
    }
  }
  return findings;
}

// src/core/verify/verify.ts
import { stat as stat6 } from "node:fs/promises";
import { basename as basename5, posix as posix8, resolve as resolve5 } from "node:path";

// src/core/archive/tar-format.ts
var BLOCK = 512;
var FIXED_MTIME = 946684800;
var RECORD = 20 * BLOCK;
var PAX_HEADER_NAME = "././@PaxHeader";
var UnsafeArchiveError = class extends UsageError {
  archive;
  entry;
  constructor(archive, entry, reason, hint2) {
    super(
      entry === void 0 ? `${archive}: refused: ${reason}` : `${archive}: refused entry "${entry}": ${reason}`,
      hint2 ?? "do not use this archive: rebuild it with pyhermetic (or plain tar from a clean tree) and check where it came from"
    );
    this.archive = archive;
    this.entry = entry;
  }
};
var ZERO_BLOCK = Buffer.alloc(BLOCK);
function padLength(size) {
  const rem = size % BLOCK;
  return rem === 0 ? 0 : BLOCK - rem;
}
function writeOctal(buf, offset, width, value2) {
  const s = value2.toString(8).padStart(width - 1, "0");
  buf.write(s, offset, width - 1, "latin1");
  buf[offset + width - 1] = 0;
}
function truncateUtf8(s, max) {
  const b = Buffer.from(s, "utf8");
  if (b.length <= max) return b;
  let end = max;
  while (end > 0 && (b[end] & 192) === 128) end--;
  return b.subarray(0, end);
}
function splitUstarName(name) {
  if (name.length <= 100) return { name, prefix: Buffer.alloc(0) };
  if (name.length > 256) return void 0;
  for (let i2 = Math.min(155, name.length - 1); i2 > 0; i2--) {
    if (name[i2] !== 47) continue;
    if (name.length - i2 - 1 === 0) continue;
    if (name.length - i2 - 1 > 100) return void 0;
    return { name: name.subarray(i2 + 1), prefix: name.subarray(0, i2) };
  }
  return void 0;
}
function paxRecord(key2, value2) {
  const body = ` ${key2}=${value2}
`;
  const bodyLen = Buffer.byteLength(body, "utf8");
  let len = bodyLen + 1;
  while (String(len).length + bodyLen !== len) len = String(len).length + bodyLen;
  return Buffer.from(`${len}${body}`, "utf8");
}
var MAX_OCTAL_SIZE = 8589934591;
function encodeRawHeader(name, prefix, type, mode, size, link3) {
  const h2 = Buffer.alloc(BLOCK);
  name.copy(h2, 0, 0, Math.min(100, name.length));
  writeOctal(h2, 100, 8, mode);
  writeOctal(h2, 108, 8, 0);
  writeOctal(h2, 116, 8, 0);
  writeOctal(h2, 124, 12, size);
  writeOctal(h2, 136, 12, FIXED_MTIME);
  h2.fill(32, 148, 156);
  h2.write(type, 156, 1, "latin1");
  link3.copy(h2, 157, 0, Math.min(100, link3.length));
  h2.write("ustar\x0000", 257, 8, "latin1");
  writeOctal(h2, 329, 8, 0);
  writeOctal(h2, 337, 8, 0);
  prefix.copy(h2, 345, 0, Math.min(155, prefix.length));
  let sum = 0;
  for (let i2 = 0; i2 < BLOCK; i2++) sum += h2[i2];
  h2.write(sum.toString(8).padStart(6, "0"), 148, 6, "latin1");
  h2[154] = 0;
  h2[155] = 32;
  return h2;
}
function encodeHeader(f) {
  const entryName = f.type === "5" ? `${f.path}/` : f.path;
  const nameBytes = Buffer.from(entryName, "utf8");
  const pax = [];
  let split = splitUstarName(nameBytes);
  if (!split) {
    pax.push(paxRecord("path", entryName));
    split = { name: truncateUtf8(entryName, 100), prefix: Buffer.alloc(0) };
  }
  let link3 = Buffer.alloc(0);
  if (f.linkTarget !== void 0) {
    link3 = Buffer.from(f.linkTarget, "utf8");
    if (link3.length > 100) {
      pax.push(paxRecord("linkpath", f.linkTarget));
      link3 = truncateUtf8(f.linkTarget, 100);
    }
  }
  let size = f.size;
  if (size > MAX_OCTAL_SIZE) {
    pax.push(paxRecord("size", String(size)));
    size = 0;
  }
  const header = encodeRawHeader(split.name, split.prefix, f.type, f.mode, size, link3);
  if (pax.length === 0) return header;
  const body = Buffer.concat(pax);
  const paxHeader = encodeRawHeader(
    Buffer.from(PAX_HEADER_NAME),
    Buffer.alloc(0),
    "x",
    420,
    body.length,
    Buffer.alloc(0)
  );
  return Buffer.concat([paxHeader, body, Buffer.alloc(padLength(body.length)), header]);
}
function cString(buf, start, end) {
  const nul = buf.indexOf(0, start);
  return buf.subarray(start, nul === -1 || nul > end ? end : nul);
}
function parseNumeric(buf, start, width) {
  if (buf[start] & 128) {
    if (buf[start] & 64) return NaN;
    let v = buf[start] & 63;
    for (let i2 = 1; i2 < width; i2++) v = v * 256 + buf[start + i2];
    return Number.isSafeInteger(v) ? v : NaN;
  }
  const s = buf.toString("latin1", start, start + width).replace(/[\0 ]+$/, "").replace(/^[ ]+/, "");
  if (s === "") return 0;
  if (!/^[0-7]+$/.test(s)) return NaN;
  return parseInt(s, 8);
}
function isZeroBlock(buf, offset) {
  for (let i2 = offset; i2 < offset + BLOCK; i2++) if (buf[i2] !== 0) return false;
  return true;
}
function checksumOk(h2, offset) {
  const stored = parseNumeric(h2, offset + 148, 8);
  if (Number.isNaN(stored)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i2 = 0; i2 < BLOCK; i2++) {
    const b = i2 >= 148 && i2 < 156 ? 32 : h2[offset + i2];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}
function decodeHeader(buf, offset) {
  if (!checksumOk(buf, offset)) return "header checksum mismatch (corrupt or not a tar archive)";
  const magic = buf.toString("latin1", offset + 257, offset + 263);
  let name = cString(buf, offset, offset + 100);
  if (magic === "ustar\0" || magic === "ustar ") {
    if (magic === "ustar\0") {
      const prefix = cString(buf, offset + 345, offset + 500);
      if (prefix.length > 0) name = Buffer.concat([prefix, Buffer.from("/"), name]);
    }
  }
  const mode = parseNumeric(buf, offset + 100, 8);
  const size = parseNumeric(buf, offset + 124, 12);
  if (Number.isNaN(mode) || Number.isNaN(size)) return "header has an invalid mode or size field";
  const typeByte = buf[offset + 156];
  return {
    name: name.toString("utf8"),
    linkname: cString(buf, offset + 157, offset + 257).toString("utf8"),
    type: typeByte === 0 ? "0" : String.fromCharCode(typeByte),
    mode,
    size
  };
}
function parsePax(body) {
  const out2 = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < body.length) {
    if (body[pos] === 0) break;
    const space = body.indexOf(32, pos);
    if (space === -1) return "malformed pax header";
    const len = Number(body.toString("latin1", pos, space));
    if (!Number.isInteger(len) || len <= space - pos + 1 || pos + len > body.length) return "malformed pax header";
    const record = body.toString("utf8", space + 1, pos + len - 1);
    const eq = record.indexOf("=");
    if (eq === -1 || body[pos + len - 1] !== 10) return "malformed pax header";
    out2.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out2;
}

// src/core/archive/tar-tree.ts
import { createHash as createHash2 } from "node:crypto";
import {
  closeSync,
  constants as fsConstants,
  createReadStream as createReadStream3,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync as readFileSync3,
  readlinkSync,
  realpathSync
} from "node:fs";
import { stat as stat2 } from "node:fs/promises";
import { posix as posix2, join, sep } from "node:path";
function normaliseMode(mode) {
  return mode & 4095 & ~18;
}
var SYMLINK_MODE = 511;
var WHOLE_FILE_LIMIT = 4 * 1024 * 1024;
var PREFETCH = 24;
var NO_FOLLOW = fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW;
var strictUtf8 = new TextDecoder("utf-8", { fatal: true });
function compareKeys(a2, b) {
  return Buffer.compare(a2.key, b.key);
}
function checkSymlink(rootReal, rel, abs, target) {
  if (posix2.isAbsolute(target)) {
    throw new UsageError(
      `symlink ${abs} -> ${target} points outside the tree (absolute target)`,
      "make the link relative to a file inside the tree, or copy the file it points to into the tree"
    );
  }
  const lexical = posix2.normalize(posix2.join(posix2.dirname(rel), target));
  if (lexical === ".." || lexical.startsWith("../")) {
    throw new UsageError(
      `symlink ${abs} -> ${target} points outside the tree`,
      "make the link point to a file inside the tree, or copy the file it points to into the tree"
    );
  }
  let real;
  try {
    real = realpathSync.native(abs);
  } catch {
    return;
  }
  if (real !== rootReal && !real.startsWith(rootReal + sep)) {
    throw new UsageError(
      `symlink ${abs} -> ${target} resolves to ${real}, outside the tree`,
      "make the link (and every link it goes through) point inside the tree"
    );
  }
}
async function walkTree(rootDir, include) {
  const rootStat = await stat2(rootDir).catch(() => void 0);
  if (!rootStat?.isDirectory()) {
    throw new UsageError(`${rootDir} is not a directory`, "pass the directory whose contents are to be packed");
  }
  const rootReal = realpathSync.native(rootDir);
  const out2 = [];
  const walkDir = (absDir, relDir) => {
    for (const raw of readdirSync(absDir, { encoding: "buffer" })) {
      let name;
      try {
        name = strictUtf8.decode(raw);
      } catch {
        throw new UsageError(
          `${join(absDir, raw.toString("latin1"))}: file name is not valid UTF-8`,
          "rename the file: archive paths and manifests are UTF-8"
        );
      }
      const rel = relDir === "" ? name : `${relDir}/${name}`;
      const abs = join(absDir, name);
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        if (include && !include(rel, true)) continue;
        out2.push({ rel, key: Buffer.from(rel), abs, kind: "dir", mode: normaliseMode(st.mode), size: 0 });
        walkDir(abs, rel);
      } else if (st.isFile()) {
        if (include && !include(rel, false)) continue;
        out2.push({ rel, key: Buffer.from(rel), abs, kind: "file", mode: normaliseMode(st.mode), size: st.size });
      } else if (st.isSymbolicLink()) {
        if (include && !include(rel, false)) continue;
        const target = readlinkSync(abs);
        checkSymlink(rootReal, rel, abs, target);
        out2.push({
          rel,
          key: Buffer.from(rel),
          abs,
          kind: "symlink",
          mode: SYMLINK_MODE,
          size: Buffer.byteLength(target),
          linkTarget: target
        });
      } else {
        const what = st.isFIFO() ? "a FIFO" : st.isSocket() ? "a socket" : st.isCharacterDevice() ? "a character device" : st.isBlockDevice() ? "a block device" : "not a regular file, directory or symlink";
        throw new UsageError(
          `${abs} is ${what}; it cannot be packed`,
          "remove it from the tree or leave it out with an include filter"
        );
      }
    }
  };
  walkDir(rootDir, "");
  return out2.sort(compareKeys);
}
function openNoFollow(e) {
  try {
    return openSync(e.abs, NO_FOLLOW);
  } catch (err) {
    const code = err.code;
    if (code === "ELOOP" || code === "ENOENT") {
      throw new UsageError(
        `${e.abs} was ${code === "ELOOP" ? "replaced by a symlink" : "removed"} while the tree was being read`,
        "make sure nothing changes the tree while it is packed or hashed, then run again"
      );
    }
    throw err;
  }
}
async function readPackedContent(e, transform) {
  const fd = openNoFollow(e);
  let content;
  try {
    content = readFileSync3(fd);
  } finally {
    closeSync(fd);
  }
  if (!transform) return content;
  return transform(e.rel, content) ?? content;
}
function streamsContent(e, transform) {
  return e.kind === "file" && !transform && e.size > WHOLE_FILE_LIMIT;
}
function streamFile(e) {
  return createReadStream3(e.abs, { fd: openNoFollow(e), autoClose: true, highWaterMark: 1024 * 1024 });
}
async function* orderedPrefetch(items, window, fn) {
  const pending = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < window) {
      const p = fn(items[next++]);
      p.catch(() => void 0);
      pending.push(p);
    }
  };
  fill();
  while (pending.length > 0) {
    const r = await pending.shift();
    fill();
    yield r;
  }
}
function loadEntries(entries, transform) {
  return orderedPrefetch(entries, PREFETCH, async (entry) => {
    if (entry.kind !== "file" || streamsContent(entry, transform)) return { entry };
    return { entry, content: await readPackedContent(entry, transform) };
  });
}
function symlinkRecord(rel, target) {
  return {
    path: rel,
    sha256: createHash2("sha256").update(target).digest("hex"),
    size: Buffer.byteLength(target),
    mode: SYMLINK_MODE,
    link: target
  };
}
async function hashTree(rootDir, opts = {}) {
  const entries = await walkTree(rootDir, opts.include);
  const records = [];
  for await (const { entry, content } of loadEntries(entries, opts.transform)) {
    if (entry.kind === "dir") continue;
    if (entry.kind === "symlink") {
      records.push(symlinkRecord(entry.rel, entry.linkTarget));
      continue;
    }
    const h2 = createHash2("sha256");
    let size = 0;
    if (content) {
      h2.update(content);
      size = content.length;
    } else {
      for await (const chunk of streamFile(entry)) {
        h2.update(chunk);
        size += chunk.length;
      }
    }
    records.push({ path: entry.rel, sha256: h2.digest("hex"), size, mode: entry.mode });
  }
  return records;
}

// src/core/archive/tar-write.ts
import { createHash as createHash3, randomBytes as randomBytes2 } from "node:crypto";
import { open as open2, rename as rename2, rm as rm2 } from "node:fs/promises";
import { basename as basename2, dirname as dirname2, join as join3, posix as posix3, resolve } from "node:path";
import { constants as zlibConstants } from "node:zlib";

// src/shared/atomic-file.ts
import { randomBytes } from "node:crypto";
import { copyFile, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";
function tempPathBeside(path6) {
  return join2(dirname(path6), `.${basename(path6)}.pyhermetic-tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}
async function fsyncPath(path6) {
  const handle = await open(path6, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
async function writeFileAtomic(path6, content, mode = 420) {
  const temp = tempPathBeside(path6);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    await rename(temp, path6);
  } catch (err) {
    await handle.close().catch(() => void 0);
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncPath(dirname(path6));
}
async function copyFileAtomic(src, dest, mode = 420) {
  const temp = tempPathBeside(dest);
  try {
    await copyFile(src, temp);
    const handle = await open(temp, "r+");
    try {
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, dest);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncPath(dirname(dest));
  return dest;
}

// src/core/archive/tar-gzip.ts
import * as os from "node:os";
import { promisify as promisify3 } from "node:util";
import * as zlib from "node:zlib";
var GZIP_BLOCK = 1024 * 1024;
var WINDOW = 32 * 1024;
var deflateRaw2 = promisify3(zlib.deflateRaw);
var crcTable;
function crc32Js(buf, crc = 0) {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n2 = 0; n2 < 256; n2++) {
      let c4 = n2;
      for (let k = 0; k < 8; k++) c4 = c4 & 1 ? 3988292384 ^ c4 >>> 1 : c4 >>> 1;
      crcTable[n2] = c4;
    }
  }
  let c3 = ~crc;
  for (let i2 = 0; i2 < buf.length; i2++) c3 = crcTable[(c3 ^ buf[i2]) & 255] ^ c3 >>> 8;
  return ~c3 >>> 0;
}
var nativeCrc32 = zlib.crc32;
function crc322(buf, crc = 0) {
  return nativeCrc32 ? nativeCrc32(buf, crc) : crc32Js(buf, crc);
}
function defaultConcurrency() {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(2, Math.min(4, cores));
}
var ParallelGzip = class {
  constructor(level, out2, concurrency = defaultConcurrency()) {
    this.level = level;
    this.out = out2;
    this.concurrency = concurrency;
  }
  level;
  out;
  concurrency;
  block = Buffer.allocUnsafe(GZIP_BLOCK);
  fill = 0;
  dictionary;
  crc = 0;
  isize = 0;
  inFlight = [];
  started = false;
  header() {
    const xfl = this.level === 9 ? 2 : this.level === 1 ? 4 : 0;
    return Buffer.from([31, 139, 8, 0, 0, 0, 0, 0, xfl, 3]);
  }
  async write(data) {
    if (!this.started) {
      this.started = true;
      await this.out(this.header());
    }
    let pos = 0;
    while (pos < data.length) {
      const n2 = Math.min(GZIP_BLOCK - this.fill, data.length - pos);
      data.copy(this.block, this.fill, pos, pos + n2);
      this.fill += n2;
      pos += n2;
      if (this.fill === GZIP_BLOCK) {
        await this.dispatch(this.block, false);
        this.block = Buffer.allocUnsafe(GZIP_BLOCK);
        this.fill = 0;
      }
    }
  }
  async dispatch(block, last) {
    this.crc = crc322(block, this.crc);
    this.isize = (this.isize + block.length) % 4294967296;
    const opts = {
      level: this.level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH
    };
    if (this.dictionary) opts.dictionary = this.dictionary;
    const p = deflateRaw2(block, opts);
    p.catch(() => void 0);
    this.inFlight.push(p);
    this.dictionary = block.length >= WINDOW ? block.subarray(block.length - WINDOW) : void 0;
    while (this.inFlight.length >= this.concurrency) await this.out(await this.inFlight.shift());
  }
  async end() {
    if (!this.started) {
      this.started = true;
      await this.out(this.header());
    }
    await this.dispatch(this.block.subarray(0, this.fill), true);
    while (this.inFlight.length > 0) await this.out(await this.inFlight.shift());
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.isize >>> 0, 4);
    await this.out(trailer);
  }
};

// src/core/archive/tar-write.ts
var BATCH_BYTES = 1024 * 1024;
var Batcher = class {
  parts = [];
  length = 0;
  add(b) {
    this.parts.push(b);
    this.length += b.length;
    return this.length >= BATCH_BYTES;
  }
  take() {
    if (this.length === 0) return void 0;
    const out2 = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    return out2;
  }
};
function checkTrailerName(name, outFile) {
  const norm = posix3.normalize(name);
  if (name === "" || posix3.isAbsolute(name) || norm !== name || name.startsWith("../") || name === ".." || name.endsWith("/")) {
    throw new UsageError(
      `trailer file name "${name}" for ${outFile} is not a plain relative path`,
      'name trailer files like "interpreter.json" or "meta/x.json" (no leading /, no ..)'
    );
  }
}
async function* tarChunks(entries, opts, files, outFile) {
  const batch = new Batcher();
  let total = 0;
  const add = (b) => {
    total += b.length;
    return batch.add(b);
  };
  const pad = (size) => add(Buffer.alloc(padLength(size)));
  for await (const { entry, content } of loadEntries(entries, opts.transform)) {
    let full = false;
    if (entry.kind === "dir") {
      full = add(encodeHeader({ path: entry.rel, type: "5", mode: entry.mode, size: 0 }));
    } else if (entry.kind === "symlink") {
      files.push(symlinkRecord(entry.rel, entry.linkTarget));
      full = add(encodeHeader({ path: entry.rel, type: "2", mode: entry.mode, size: 0, linkTarget: entry.linkTarget }));
    } else if (content) {
      files.push({
        path: entry.rel,
        sha256: createHash3("sha256").update(content).digest("hex"),
        size: content.length,
        mode: entry.mode
      });
      add(encodeHeader({ path: entry.rel, type: "0", mode: entry.mode, size: content.length }));
      if (content.length >= BATCH_BYTES / 4) {
        const head = batch.take();
        if (head) yield head;
        total += content.length;
        yield content;
        full = pad(content.length);
      } else {
        add(content);
        full = pad(content.length);
      }
    } else {
      add(encodeHeader({ path: entry.rel, type: "0", mode: entry.mode, size: entry.size }));
      const head = batch.take();
      if (head) yield head;
      const h2 = createHash3("sha256");
      let seen = 0;
      for await (const chunk of streamFile(entry)) {
        seen += chunk.length;
        if (seen > entry.size) break;
        h2.update(chunk);
        total += chunk.length;
        yield chunk;
      }
      if (seen !== entry.size) {
        throw new UsageError(
          `${entry.abs} changed size while being packed (${entry.size} bytes when listed, ${seen > entry.size ? "more" : seen} when read)`,
          "make sure nothing writes into the tree while it is packed, then pack again"
        );
      }
      files.push({ path: entry.rel, sha256: h2.digest("hex"), size: seen, mode: entry.mode });
      full = pad(seen);
    }
    if (full) yield batch.take();
  }
  if (opts.trailer) {
    const extra = opts.trailer(files);
    const taken = new Set(entries.map((e) => e.rel));
    const names = Object.keys(extra).sort((a2, b) => Buffer.compare(Buffer.from(a2), Buffer.from(b)));
    for (const name of names) {
      checkTrailerName(name, outFile);
      if (taken.has(name)) {
        throw new UsageError(
          `trailer file "${name}" for ${outFile} is also in the tree`,
          "leave the tree's copy out with an include filter, or name the trailer file differently"
        );
      }
      const body = extra[name];
      add(encodeHeader({ path: name, type: "0", mode: 420, size: body.length }));
      add(body);
      if (pad(body.length)) yield batch.take();
    }
  }
  add(Buffer.alloc(2 * BLOCK));
  const rem = total % RECORD;
  if (rem !== 0) add(Buffer.alloc(RECORD - rem));
  const last = batch.take();
  if (last) yield last;
}
async function writeAll(fh, chunk) {
  let off = 0;
  while (off < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
    off += bytesWritten;
  }
}
async function writeDeterministicTarGz(rootDir, outFile, opts = {}) {
  const level = opts.level ?? 6;
  if (!Number.isInteger(level) || level < zlibConstants.Z_NO_COMPRESSION || level > zlibConstants.Z_BEST_COMPRESSION) {
    throw new UsageError(`gzip level ${level} is out of range`, "use a level from 0 to 9 (6 is the default)");
  }
  const entries = await walkTree(rootDir, opts.include);
  const outPath = resolve(outFile);
  const dir = dirname2(outPath);
  const tmp = join3(dir, `.${basename2(outPath)}.${process.pid}.${randomBytes2(6).toString("hex")}.tmp`);
  let fh;
  try {
    fh = await open2(tmp, "wx", 420);
  } catch (err) {
    throw new UsageError(
      `cannot create ${outFile}: ${err.message}`,
      "make sure its directory exists and is writable"
    );
  }
  const files = [];
  const hash = createHash3("sha256");
  let size = 0;
  try {
    const gz = new ParallelGzip(level, async (chunk) => {
      hash.update(chunk);
      size += chunk.length;
      await writeAll(fh, chunk);
    });
    for await (const chunk of tarChunks(entries, opts, files, outFile)) await gz.write(chunk);
    await gz.end();
    await fh.sync();
    await fh.close();
  } catch (err) {
    await fh.close().catch(() => void 0);
    await rm2(tmp, { force: true });
    throw err;
  }
  try {
    await rename2(tmp, outPath);
  } catch (err) {
    await rm2(tmp, { force: true });
    throw err;
  }
  await fsyncPath(dir);
  return { sha256: hash.digest("hex"), size, files };
}

// src/core/archive/tar-read.ts
import { createReadStream as createReadStream4 } from "node:fs";
import { stat as stat3 } from "node:fs/promises";
import { Writable as Writable4 } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

// src/core/archive/tar-parse.ts
import { createHash as createHash4 } from "node:crypto";
import { posix as posix4 } from "node:path";
var DEFAULT_READ_LIMITS = {
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxEntries: 1e6,
  maxRatio: 200
};
var RATIO_FLOOR = 1024 * 1024;
var MAX_META_BYTES = 1024 * 1024;
var MAX_LINK_HOPS = 40;
function safeRelative(name) {
  if (name.includes("\0")) return { reason: "path contains a NUL byte" };
  if (name.startsWith("/")) return { reason: "absolute path (would be written outside the destination)" };
  const parts = [];
  for (const c3 of name.split("/")) {
    if (c3 === "" || c3 === ".") continue;
    if (c3 === "..") return { reason: 'path has a ".." component (would be written outside the destination)' };
    parts.push(c3);
  }
  return { path: parts.join("/") };
}
function splitPath2(p) {
  return p.split("/").filter((c3) => c3 !== "" && c3 !== ".");
}
function symlinkEscapes(linkPath, target, symlinks) {
  if (target.startsWith("/")) return true;
  const todo = [...splitPath2(posix4.dirname(linkPath)), ...target.split("/")];
  const resolved = [];
  let hops = 0;
  while (todo.length > 0) {
    const c3 = todo.shift();
    if (c3 === "" || c3 === ".") continue;
    if (c3 === "..") {
      if (resolved.length === 0) return true;
      resolved.pop();
      continue;
    }
    resolved.push(c3);
    const t = symlinks.get(resolved.join("/"));
    if (t === void 0) continue;
    if (++hops > MAX_LINK_HOPS) return false;
    if (t.startsWith("/")) return true;
    resolved.pop();
    todo.unshift(...t.split("/"));
  }
  return false;
}
var TarStreamParser = class {
  constructor(archive, compressedSize, limits, onHeader) {
    this.archive = archive;
    this.compressedSize = compressedSize;
    this.onHeader = onHeader;
    this.limits = { ...DEFAULT_READ_LIMITS, ...stripUndefined(limits ?? {}) };
  }
  archive;
  compressedSize;
  onHeader;
  limits;
  state = "header";
  headerBuf = Buffer.alloc(BLOCK);
  headerFill = 0;
  remaining = 0;
  padRemaining = 0;
  total = 0;
  entries = 0;
  zeroBlocks = 0;
  current;
  sink = null;
  hash = null;
  meta;
  pending = {};
  kinds = /* @__PURE__ */ new Map();
  fileHashes = /* @__PURE__ */ new Map();
  symlinks = /* @__PURE__ */ new Map();
  refuse(entry, reason) {
    throw new UnsafeArchiveError(this.archive, entry, reason);
  }
  checkGrowth(projected, entry) {
    if (projected > this.limits.maxTotalBytes) {
      this.refuse(
        entry,
        `archive expands beyond ${this.limits.maxTotalBytes} bytes (maxTotalBytes): a decompression bomb or an archive too big to read`
      );
    }
    if (projected > RATIO_FLOOR && projected > this.limits.maxRatio * Math.max(this.compressedSize, 1)) {
      this.refuse(
        entry,
        `archive expands more than ${this.limits.maxRatio} times its compressed size of ${this.compressedSize} bytes (maxRatio): a decompression bomb`
      );
    }
  }
  async push(chunk) {
    this.total += chunk.length;
    this.checkGrowth(this.total, this.current?.path);
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      switch (this.state) {
        case "end": {
          for (let i2 = pos; i2 < len; i2++) {
            if (chunk[i2] !== 0)
              this.refuse(void 0, "data after the end-of-archive marker (corrupt, or two archives glued together)");
          }
          pos = len;
          break;
        }
        case "header": {
          if (this.headerFill === 0 && len - pos >= BLOCK) {
            await this.onBlock(chunk, pos);
            pos += BLOCK;
          } else {
            const n2 = Math.min(BLOCK - this.headerFill, len - pos);
            chunk.copy(this.headerBuf, this.headerFill, pos, pos + n2);
            this.headerFill += n2;
            pos += n2;
            if (this.headerFill === BLOCK) {
              this.headerFill = 0;
              await this.onBlock(this.headerBuf, 0);
            }
          }
          break;
        }
        case "data": {
          const n2 = Math.min(this.remaining, len - pos);
          const piece = chunk.subarray(pos, pos + n2);
          this.hash.update(piece);
          if (this.sink) {
            const r = this.sink.write(piece);
            if (r) await r;
          }
          this.remaining -= n2;
          pos += n2;
          if (this.remaining === 0) await this.endEntry();
          break;
        }
        case "meta": {
          const m = this.meta;
          const n2 = Math.min(this.remaining, len - pos);
          chunk.copy(m.buf, m.fill, pos, pos + n2);
          m.fill += n2;
          this.remaining -= n2;
          pos += n2;
          if (this.remaining === 0) this.endMeta();
          break;
        }
        case "pad": {
          const n2 = Math.min(this.padRemaining, len - pos);
          this.padRemaining -= n2;
          pos += n2;
          if (this.padRemaining === 0) this.state = "header";
          break;
        }
      }
    }
  }
  /** Called once the stream ended without a zlib error. */
  finish() {
    if (this.state === "data" || this.state === "meta" || this.state === "pad" || this.headerFill !== 0) {
      this.refuse(this.current?.path, "archive is truncated (ends in the middle of an entry)");
    }
    if (this.state !== "end" && this.zeroBlocks === 0) {
      this.refuse(void 0, "archive is truncated (no end-of-archive marker)");
    }
    for (const [path6, target] of this.symlinks) {
      if (symlinkEscapes(path6, target, this.symlinks))
        this.refuse(path6, `symlink -> ${target} resolves outside the archive root through other symlinks`);
    }
  }
  startData(size, state) {
    this.remaining = size;
    this.padRemaining = padLength(size);
    this.state = state;
  }
  async onBlock(buf, off) {
    if (isZeroBlock(buf, off)) {
      this.zeroBlocks++;
      if (this.zeroBlocks === 2) this.state = "end";
      return;
    }
    if (this.zeroBlocks > 0) this.refuse(void 0, "an entry follows an end-of-archive block (corrupt archive)");
    const h2 = decodeHeader(buf, off);
    if (typeof h2 === "string") this.refuse(void 0, `${h2} at byte ${this.total} of the tar stream`);
    if (h2.type === "x" || h2.type === "g" || h2.type === "L" || h2.type === "K") {
      if (h2.size > MAX_META_BYTES)
        this.refuse(h2.name, `metadata header of ${h2.size} bytes (type ${h2.type}) is larger than any real archive has`);
      this.meta = { type: h2.type, buf: Buffer.alloc(h2.size), fill: 0 };
      this.startData(h2.size, "meta");
      if (h2.size === 0) this.endMeta();
      return;
    }
    const name = this.pending.path ?? h2.name;
    const linkTarget = this.pending.linkpath ?? h2.linkname;
    const size = this.pending.size ?? h2.size;
    this.pending = {};
    await this.onEntryHeader(name, h2.type, h2.mode, size, linkTarget);
  }
  endMeta() {
    const m = this.meta;
    this.meta = void 0;
    this.state = this.padRemaining === 0 ? "header" : "pad";
    if (m.type === "L" || m.type === "K") {
      const end = m.buf.indexOf(0);
      const value2 = m.buf.subarray(0, end === -1 ? m.buf.length : end).toString("utf8");
      if (m.type === "L") this.pending.path = value2;
      else this.pending.linkpath = value2;
      return;
    }
    const records = parsePax(m.buf);
    if (typeof records === "string") this.refuse(void 0, `${records} at byte ${this.total} of the tar stream`);
    if (m.type === "g") return;
    for (const key2 of records.keys()) {
      if (key2.startsWith("GNU.sparse.")) this.refuse(records.get("path"), "sparse files are not supported");
    }
    if (records.has("path")) this.pending.path = records.get("path");
    if (records.has("linkpath")) this.pending.linkpath = records.get("linkpath");
    if (records.has("size")) {
      const s = records.get("size");
      if (!/^[0-9]+$/.test(s) || !Number.isSafeInteger(Number(s)))
        this.refuse(records.get("path"), `invalid pax size "${s}"`);
      this.pending.size = Number(s);
    }
  }
  async onEntryHeader(name, typeFlag, rawMode, size, linkTarget) {
    let type;
    switch (typeFlag) {
      case "0":
      case "7":
        type = "file";
        break;
      case "1":
        type = "hardlink";
        break;
      case "2":
        type = "symlink";
        break;
      case "5":
        type = "dir";
        break;
      case "3":
        return this.refuse(name, "character device entry (device nodes are never extracted)");
      case "4":
        return this.refuse(name, "block device entry (device nodes are never extracted)");
      case "6":
        return this.refuse(name, "FIFO entry (only files, directories and links are extracted)");
      case "S":
        return this.refuse(name, "sparse file entry is not supported");
      default:
        return this.refuse(name, `unsupported entry type '${typeFlag}'`);
    }
    const safe = safeRelative(name);
    if ("reason" in safe) return this.refuse(name, safe.reason);
    const path6 = safe.path;
    if (path6 === "") {
      if (type === "dir") {
        this.skipData(size);
        return;
      }
      return this.refuse(name, "entry names the archive root itself");
    }
    if (++this.entries > this.limits.maxEntries)
      this.refuse(path6, `more than ${this.limits.maxEntries} entries (maxEntries)`);
    if (size > this.limits.maxEntryBytes)
      this.refuse(path6, `entry of ${size} bytes is larger than ${this.limits.maxEntryBytes} (maxEntryBytes)`);
    this.checkGrowth(this.total + size, path6);
    this.checkParents(path6);
    const existing2 = this.kinds.get(path6);
    if (existing2 !== void 0 && !(existing2 === "dir" && type === "dir")) {
      this.refuse(path6, `appears twice in the archive (${existing2}, then ${type}): ambiguous which one is meant`);
    }
    const mode = rawMode & 4095 & ~18;
    const info2 = { path: path6, type, mode, size: type === "file" ? size : 0 };
    if (type === "symlink") {
      if (linkTarget === "") this.refuse(path6, "symlink with an empty target");
      if (linkTarget.includes("\0")) this.refuse(path6, "symlink target contains a NUL byte");
      this.symlinks.set(path6, linkTarget);
      if (symlinkEscapes(path6, linkTarget, this.symlinks)) {
        this.refuse(path6, `symlink -> ${linkTarget} points outside the archive root`);
      }
      info2.linkTarget = linkTarget;
      info2.mode = 511;
      info2.size = Buffer.byteLength(linkTarget);
      info2.sha256 = createHash4("sha256").update(linkTarget).digest("hex");
    } else if (type === "hardlink") {
      const t = safeRelative(linkTarget);
      if ("reason" in t) return this.refuse(path6, `hardlink -> ${linkTarget}: ${t.reason}`);
      const target = this.fileHashes.get(t.path);
      if (!target) this.refuse(path6, `hardlink -> ${linkTarget} does not name an earlier regular file of the archive`);
      info2.linkTarget = t.path;
      info2.size = target.size;
      info2.mode = target.mode;
      info2.sha256 = target.sha256;
      this.fileHashes.set(path6, target);
    }
    this.kinds.set(path6, type);
    this.current = info2;
    const sink2 = await this.onHeader(info2);
    if (type !== "file") {
      if (sink2) await sink2.end(info2.sha256 ?? "");
      this.current = void 0;
      this.skipData(size);
      return;
    }
    this.sink = sink2;
    this.hash = createHash4("sha256");
    this.startData(size, "data");
    if (size === 0) await this.endEntry();
  }
  /** Every ancestor must be a directory (seen or implied), never a symlink or a file. */
  checkParents(path6) {
    let slash = path6.lastIndexOf("/");
    while (slash > 0) {
      const parent = path6.slice(0, slash);
      const k = this.kinds.get(parent);
      if (k === "dir") return;
      if (k === "symlink")
        this.refuse(path6, `goes through the symlink ${parent} (would be written wherever that link points)`);
      if (k !== void 0) this.refuse(path6, `its parent ${parent} is a ${k}, not a directory`);
      this.kinds.set(parent, "dir");
      slash = parent.lastIndexOf("/");
    }
  }
  skipData(size) {
    if (size === 0) return;
    this.sink = null;
    this.hash = createHash4("sha256");
    this.current = void 0;
    this.startData(size, "data");
    this.skipping = true;
  }
  skipping = false;
  async endEntry() {
    const digest = this.hash.digest("hex");
    this.hash = null;
    this.state = this.padRemaining === 0 ? "header" : "pad";
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    const info2 = this.current;
    info2.sha256 = digest;
    this.fileHashes.set(info2.path, { sha256: digest, size: info2.size, mode: info2.mode });
    const sink2 = this.sink;
    this.sink = null;
    this.current = void 0;
    if (sink2) await sink2.end(digest);
  }
};
function stripUndefined(o2) {
  return Object.fromEntries(Object.entries(o2).filter(([, v]) => v !== void 0));
}

// src/core/archive/tar-read.ts
async function parseTarGz(file, limits, onHeader) {
  const st = await stat3(file).catch(() => void 0);
  if (!st) throw new UsageError(`archive not found: ${file}`, "check the path of the .tar.gz");
  if (!st.isFile()) throw new UsageError(`${file} is not a regular file`, "pass the path of a .tar.gz file");
  const parser = new TarStreamParser(file, st.size, limits, onHeader);
  let inflight = Promise.resolve();
  const sink2 = new Writable4({
    highWaterMark: 1024 * 1024,
    write(chunk, _enc, cb) {
      inflight = parser.push(chunk);
      inflight.then(() => cb(), cb);
    },
    final(cb) {
      try {
        parser.finish();
        cb();
      } catch (err) {
        cb(err);
      }
    }
  });
  const input = createReadStream4(file, { highWaterMark: 1024 * 1024 });
  let readError;
  input.on("error", (err) => {
    readError = err;
  });
  try {
    await pipeline(input, createGunzip({ chunkSize: 1024 * 1024 }), sink2);
  } catch (err) {
    await inflight.catch(() => void 0);
    if (err instanceof PyhermeticError) throw err;
    if (err === readError) {
      throw new EnvironmentError(
        `cannot read ${file}: ${err.message}`,
        "check the file's permissions and the disk it is on"
      );
    }
    const code = err.code ?? "";
    if (code.startsWith("Z_") || code === "ERR_STREAM_PREMATURE_CLOSE") {
      throw new UnsafeArchiveError(
        file,
        void 0,
        `not a valid gzip stream, or truncated (${err.message})`,
        "the file is damaged or not a .tar.gz: fetch or build it again"
      );
    }
    throw err;
  }
}
async function readTarGz(file, onEntry, limits) {
  await parseTarGz(file, limits, (info2) => {
    if (info2.type !== "file") return { write() {
    }, end: () => onEntry(info2, null) };
    const content = Buffer.allocUnsafe(info2.size);
    let fill = 0;
    return {
      write(chunk) {
        chunk.copy(content, fill);
        fill += chunk.length;
      },
      end: () => onEntry(info2, content)
    };
  });
}

// src/core/archive/tar-extract.ts
import { chmodSync, closeSync as closeSync2, fchmodSync, linkSync, mkdirSync, openSync as openSync2, symlinkSync, writeSync } from "node:fs";
import { mkdir, readdir } from "node:fs/promises";
import { join as join4 } from "node:path";
var BUFFERED_FILE_LIMIT = 8 * 1024 * 1024;
function writeAllSync(fd, chunk) {
  let off = 0;
  while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
}
async function prepareDest(destDir) {
  try {
    await mkdir(destDir, { recursive: true, mode: 493 });
  } catch (err) {
    throw new UsageError(
      `cannot create the extraction directory ${destDir}: ${err.message}`,
      "pass a destination whose parent exists and is writable"
    );
  }
  const present = await readdir(destDir);
  if (present.length > 0) {
    throw new UsageError(
      `extraction directory ${destDir} is not empty`,
      "extract into a new or empty directory, so no old file can mix with the archive's"
    );
  }
}
async function extractTarGz(file, destDir, limits) {
  await prepareDest(destDir);
  const records = [];
  const dirModes = [];
  const made = /* @__PURE__ */ new Set([""]);
  const openFds = /* @__PURE__ */ new Set();
  const ensureParent = (rel) => {
    const slash = rel.lastIndexOf("/");
    const parent = slash === -1 ? "" : rel.slice(0, slash);
    if (made.has(parent)) return;
    mkdirSync(join4(destDir, parent), { recursive: true, mode: 493 });
    for (let p = parent; p !== "" && !made.has(p); p = p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "")
      made.add(p);
  };
  const create = (abs) => {
    const fd = openSync2(abs, "wx", 384);
    openFds.add(fd);
    return fd;
  };
  const finish = (fd, mode) => {
    fchmodSync(fd, mode);
    openFds.delete(fd);
    closeSync2(fd);
  };
  try {
    await parseTarGz(file, limits, (info2) => {
      const abs = join4(destDir, info2.path);
      ensureParent(info2.path);
      if (info2.type === "dir") {
        if (!made.has(info2.path)) {
          try {
            mkdirSync(abs, { mode: 493 });
          } catch (err) {
            if (err.code !== "EEXIST") throw err;
          }
          made.add(info2.path);
        }
        dirModes.push([abs, info2.mode]);
        return null;
      }
      if (info2.type === "symlink") {
        symlinkSync(info2.linkTarget, abs);
        records.push({
          path: info2.path,
          sha256: info2.sha256,
          size: info2.size,
          mode: info2.mode,
          link: info2.linkTarget
        });
        return null;
      }
      if (info2.type === "hardlink") {
        linkSync(join4(destDir, info2.linkTarget), abs);
        records.push({ path: info2.path, sha256: info2.sha256, size: info2.size, mode: info2.mode });
        return null;
      }
      const record = (sha256) => {
        records.push({ path: info2.path, sha256, size: info2.size, mode: info2.mode });
      };
      if (info2.size <= BUFFERED_FILE_LIMIT) {
        const parts = [];
        return {
          write(chunk) {
            parts.push(chunk);
          },
          end(sha256) {
            const fd2 = create(abs);
            writeAllSync(fd2, parts.length === 1 ? parts[0] : Buffer.concat(parts));
            finish(fd2, info2.mode);
            record(sha256);
          }
        };
      }
      const fd = create(abs);
      return {
        write(chunk) {
          writeAllSync(fd, chunk);
        },
        end(sha256) {
          finish(fd, info2.mode);
          record(sha256);
        }
      };
    });
    const depth = (p) => p.split("/").length;
    for (const [abs, mode] of dirModes.sort((a2, b) => depth(b[0]) - depth(a2[0]))) chmodSync(abs, mode);
  } catch (err) {
    for (const fd of openFds) {
      try {
        closeSync2(fd);
      } catch {
      }
    }
    if (err instanceof PyhermeticError) throw err;
    const e = err;
    throw new EnvironmentError(
      `extracting ${file} into ${destDir} failed: ${e.message}`,
      e.code === "ENOSPC" ? "free disk space and extract again" : "check the destination's file system and permissions, then extract again"
    );
  }
  return records.sort((a2, b) => Buffer.compare(Buffer.from(a2.path), Buffer.from(b.path)));
}

// src/core/interpreter/interpreter-ref.ts
import { readFile, stat as stat4 } from "node:fs/promises";
import { basename as basename3, dirname as dirname3, join as join5 } from "node:path";

// src/core/package/manifests.ts
var INTERPRETER_MANIFEST = "interpreter.json";
var ENV_MANIFEST = "pyhermetic-env.json";
var PACKAGE_MANIFEST = "pyhermetic-package.json";

// src/core/interpreter/interpreter-ref.ts
async function sha256File(path6) {
  return (await sha256OfFile(path6)).sha256;
}
async function isFile(p) {
  return stat4(p).then(
    (s) => s.isFile(),
    () => false
  );
}
async function fromArtifact(tarball) {
  const manifestPath = join5(dirname3(tarball), INTERPRETER_MANIFEST);
  let manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (err) {
    throw new UsageError(
      `${tarball}: no readable ${INTERPRETER_MANIFEST} beside it (${err.message})`,
      "pass the interpreter.tar.gz of an --out directory of `pyhermetic interpreter build`, which keeps both files together"
    );
  }
  if (manifest.kind !== "pyhermetic-interpreter" || typeof manifest.fingerprint !== "string") {
    throw new UsageError(
      `${manifestPath} is not a pyhermetic interpreter manifest`,
      "rebuild it with `pyhermetic interpreter build`"
    );
  }
  return {
    kind: "artifact",
    fingerprint: manifest.fingerprint,
    fields: manifest.fields,
    artifactPath: tarball,
    artifactSha256: await sha256File(tarball),
    manifest
  };
}
async function pythonOfPrefix(prefix) {
  for (const name of ["python3", "python"]) {
    const p = join5(prefix, "bin", name);
    if (await isFile(p)) return p;
  }
  return void 0;
}
async function resolveInterpreter(arg) {
  const st = await stat4(arg).catch(() => void 0);
  if (!st)
    throw new UsageError(
      `interpreter not found: ${arg}`,
      "pass an interpreter.tar.gz, an --out directory of `pyhermetic interpreter build`, an installed prefix, or a python executable"
    );
  if (st.isDirectory()) {
    if (await isFile(join5(arg, "interpreter.tar.gz"))) return fromArtifact(join5(arg, "interpreter.tar.gz"));
    const python = await pythonOfPrefix(arg);
    if (!python)
      throw new UsageError(
        `${arg} holds neither interpreter.tar.gz nor bin/python3`,
        "pass an interpreter artifact or an installed prefix"
      );
    const fp2 = await fingerprintPython(python);
    return { kind: "prefix", fingerprint: fp2.fingerprint, fields: fp2.fields, prefix: arg, python };
  }
  if (basename3(arg).endsWith(".tar.gz") || basename3(arg).endsWith(".tgz")) return fromArtifact(arg);
  const fp = await fingerprintPython(arg);
  return {
    kind: "python",
    fingerprint: fp.fingerprint,
    fields: fp.fields,
    python: fp.python,
    prefix: dirname3(dirname3(fp.python))
  };
}

// src/core/package/pack.ts
import {
  link,
  lstat as lstat2,
  mkdir as mkdir2,
  mkdtemp,
  readdir as readdir3,
  readFile as readFile3,
  readlink,
  rm as rm3,
  copyFile as copyFile2,
  symlink,
  chmod
} from "node:fs/promises";
import { dirname as dirname4, isAbsolute, join as join7, relative, resolve as resolve2, sep as sep2 } from "node:path";

// src/core/deps/launcher.ts
import { lstat, readdir as readdir2, readFile as readFile2 } from "node:fs/promises";
import { join as join6 } from "node:path";
var SH_SHEBANG = "#!/bin/sh";
var RELATIVE_EXEC_PREFIX = `'''exec' "$(dirname -- "$(readlink -f -- "$0")")/`;
var CLOSE_LINE = "' '''";
function lineEnd(content, from) {
  const i2 = content.indexOf(10, from);
  return i2 === -1 ? content.length : i2;
}
function pythonBasename(path6) {
  if (!path6.startsWith("/")) return void 0;
  const base2 = path6.slice(path6.lastIndexOf("/") + 1);
  return /^python[0-9.]*$/.test(base2) ? base2 : void 0;
}
function absoluteTarget(content) {
  if (content.length < 3 || content[0] !== 35 || content[1] !== 33) return void 0;
  const end1 = lineEnd(content, 0);
  const first = content.subarray(2, end1).toString("utf8").replace(/\r$/, "").trim();
  if (first === "/bin/sh") {
    const end2 = lineEnd(content, end1 + 1);
    const second = content.subarray(end1 + 1, end2).toString("utf8");
    const m = /^'''exec' "([^"]+)" "\$0" "\$@"$/.exec(second);
    if (!m) return void 0;
    const python2 = pythonBasename(m[1]);
    const end3 = lineEnd(content, end2 + 1);
    const third = content.subarray(end2 + 1, end3).toString("utf8");
    if (!python2 || third !== CLOSE_LINE) return void 0;
    return { python: python2, options: [], body: content.subarray(Math.min(end3 + 1, content.length)) };
  }
  const words = first.split(/\s+/);
  const python = pythonBasename(words[0]);
  if (!python) return void 0;
  const options2 = words.slice(1);
  if (!options2.every((o2) => /^-[A-Za-z0-9_=.-]*$/.test(o2))) return void 0;
  return { python, options: options2, body: content.subarray(Math.min(end1 + 1, content.length)) };
}
function shebangPython(content) {
  return absoluteTarget(content)?.python;
}
function launcherFor(content, python) {
  const target = absoluteTarget(content);
  if (!target) return void 0;
  const opts = target.options.map((o2) => ` ${o2}`).join("");
  const head = `${SH_SHEBANG}
${RELATIVE_EXEC_PREFIX}${python ?? target.python}"${opts} "$0" "$@"
${CLOSE_LINE}
`;
  return Buffer.concat([Buffer.from(head, "utf8"), target.body]);
}
function isRelativeLauncher(content) {
  const start = `${SH_SHEBANG}
${RELATIVE_EXEC_PREFIX}`;
  return content.subarray(0, start.length).toString("utf8") === start;
}
async function rewriteLaunchers(prefix, fallbackPython) {
  const binDir = join6(prefix, "bin");
  const names = await readdir2(binDir).catch(() => []);
  const rewritten = [];
  for (const name of names.sort()) {
    const file = join6(binDir, name);
    const st = await lstat(file);
    if (!st.isFile()) continue;
    const content = await readFile2(file);
    const named = shebangPython(content);
    if (!named) continue;
    const present = await lstat(join6(binDir, named)).then(
      () => true,
      () => false
    );
    const next = launcherFor(content, present ? void 0 : fallbackPython);
    if (!next) continue;
    await writeFileAtomic(file, next, st.mode & 4095);
    rewritten.push(`bin/${name}`);
  }
  return rewritten;
}

// src/core/package/pack-policy.ts
var PYC_POLICY = "no-pyc: __pycache__ directories and *.pyc/*.pyo files are left out of the package";
var APP_DIR = "app";
var APP_SKIPPED_DIRS = /* @__PURE__ */ new Set([
  ".git",
  ".hg",
  ".svn",
  ".pytest_cache",
  ".mypy_cache",
  ".ruff_cache",
  ".tox",
  ".nox",
  ".venv",
  ".pyhermetic-out"
]);
function base(rel) {
  const i2 = rel.lastIndexOf("/");
  return i2 < 0 ? rel : rel.slice(i2 + 1);
}
function isPycPath(rel, isDir) {
  const name = base(rel);
  if (isDir) return name === "__pycache__";
  return name.endsWith(".pyc") || name.endsWith(".pyo");
}
function includeEnvPath(rel, isDir) {
  return !isPycPath(rel, isDir);
}
function includeAppPath(rel, isDir) {
  if (isPycPath(rel, isDir)) return false;
  return !(isDir && APP_SKIPPED_DIRS.has(base(rel)));
}
function transformEnvFile(rel, content) {
  if (!rel.startsWith("bin/") || rel.indexOf("/", 4) >= 0) return void 0;
  return launcherFor(content);
}
var ENV_TREE_OPTIONS = { include: includeEnvPath, transform: transformEnvFile };
var APP_TREE_OPTIONS = { include: includeAppPath };

// src/core/package/pack.ts
var STAGE_PREFIX = ".pyhermetic-pack-";
function isInside(child, parent) {
  const rel = relative(parent, child);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${sep2}`) && !isAbsolute(rel);
}
async function readEnvManifest(dir) {
  const st = await lstat2(dir).catch(() => void 0);
  if (!st?.isDirectory()) {
    throw new UsageError(
      `env ${dir} is not a directory`,
      "pass the directory that `pyhermetic env create --dest` made"
    );
  }
  const file = join7(dir, ENV_MANIFEST);
  let doc;
  try {
    doc = JSON.parse(await readFile3(file, "utf8"));
  } catch (err) {
    throw new UsageError(
      `${file}: cannot read the env manifest (${err.message})`,
      "pack and verify work on envs made by `pyhermetic env create`, which writes this file"
    );
  }
  if (doc?.kind !== "pyhermetic-env" || typeof doc.interpreter?.fingerprint !== "string" || !Array.isArray(doc.distributions)) {
    throw new UsageError(`${file} is not a pyhermetic env manifest`, "recreate the env with `pyhermetic env create`");
  }
  return doc;
}
async function sweepStaleStages(parent) {
  const names = await readdir3(parent).catch(() => []);
  for (const name of names) {
    const m = new RegExp(`^${STAGE_PREFIX.replace(/\./g, "\\.")}(\\d+)-`).exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (err) {
      alive = err.code === "EPERM";
    }
    if (!alive) await rm3(join7(parent, name), { recursive: true, force: true });
  }
}
function refuseSpecial(abs, st) {
  const what = st.isFIFO() ? "a FIFO" : st.isSocket() ? "a socket" : st.isCharacterDevice() ? "a character device" : st.isBlockDevice() ? "a block device" : "not a regular file, directory or symlink";
  throw new UsageError(`${abs} is ${what}; it cannot be packed`, "remove it from the tree, then pack again");
}
async function mirrorTree(src, dest, include, copyAlways, rel = "") {
  await mkdir2(dest, { recursive: true });
  const names = await readdir3(src);
  await Promise.all(
    names.map(async (name) => {
      const r = rel === "" ? name : `${rel}/${name}`;
      const from = join7(src, name);
      const to = join7(dest, name);
      const st = await lstat2(from);
      if (st.isDirectory()) {
        if (include(r, true)) await mirrorTree(from, to, include, copyAlways, r);
      } else if (st.isFile()) {
        if (!include(r, false)) return;
        if (!copyAlways) {
          try {
            await link(from, to);
            return;
          } catch (err) {
            if (!["EXDEV", "EPERM", "EMLINK", "EACCES"].includes(err.code ?? "")) throw err;
          }
        }
        await copyFile2(from, to);
        await chmod(to, st.mode & 4095);
      } else if (st.isSymbolicLink()) {
        if (include(r, false)) await symlink(await readlink(from), to);
      } else {
        refuseSpecial(from, st);
      }
    })
  );
}
function manifestBytes(env, app, files) {
  const manifest = { schema: 1, kind: "pyhermetic-package", env, app, pycPolicy: PYC_POLICY, files };
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}
`);
}
function unstage(err, stage2, envDir, appDir) {
  if (!(err instanceof UsageError)) return err;
  let message = err.message.split(join7(stage2, APP_DIR) + sep2).join((appDir ?? "") + sep2);
  message = message.split(stage2 + sep2).join(envDir + sep2);
  return message === err.message ? err : new UsageError(message, err.hint);
}
async function packEnv(opts) {
  const envDir = resolve2(opts.env);
  const out2 = resolve2(opts.out);
  const appDir = opts.app === void 0 ? void 0 : resolve2(opts.app);
  const env = await readEnvManifest(envDir);
  const outDir = await lstat2(dirname4(out2)).catch(() => void 0);
  if (!outDir?.isDirectory())
    throw new UsageError(`the directory of --out ${out2} does not exist`, "create it first, or choose another --out");
  if ((await lstat2(out2).catch(() => void 0))?.isDirectory())
    throw new UsageError(`--out ${out2} is a directory`, "name the package file, e.g. dist/app.tar.gz");
  if (isInside(out2, envDir))
    throw new UsageError(
      `--out ${out2} lies inside the env ${envDir}`,
      "write the package outside the env, or it would pack itself"
    );
  if (appDir !== void 0) {
    const st = await lstat2(appDir).catch(() => void 0);
    if (!st?.isDirectory())
      throw new UsageError(`--app ${appDir} is not a directory`, "pass the application source tree");
    if (isInside(envDir, appDir) || isInside(appDir, envDir)) {
      throw new UsageError(
        `--app ${appDir} and --env ${envDir} overlap`,
        "keep the env outside the app tree (e.g. make the env in a sibling directory)"
      );
    }
    if (isInside(out2, appDir))
      throw new UsageError(`--out ${out2} lies inside the app ${appDir}`, "write the package outside the app tree");
    if (await lstat2(join7(envDir, APP_DIR)).then(
      () => true,
      () => false
    )) {
      throw new UsageError(
        `the env ${envDir} already has an entry named '${APP_DIR}' at its root`,
        `remove ${join7(envDir, APP_DIR)} from the env, or pack without --app`
      );
    }
  }
  let root = envDir;
  let stage2;
  const trailer = (files) => ({
    [PACKAGE_MANIFEST]: manifestBytes(env, appDir === void 0 ? null : APP_DIR, files)
  });
  try {
    if (appDir !== void 0) {
      await sweepStaleStages(dirname4(envDir));
      stage2 = await mkdtemp(join7(dirname4(envDir), `${STAGE_PREFIX}${process.pid}-`));
      await mirrorTree(envDir, stage2, includeEnvPath, false);
      await mirrorTree(appDir, join7(stage2, APP_DIR), includeAppPath, true);
      root = stage2;
    }
    const appPrefix = `${APP_DIR}/`;
    const result = await writeDeterministicTarGz(root, out2, {
      level: opts.level,
      include: appDir === void 0 ? includeEnvPath : (rel, isDir) => rel === APP_DIR ? true : rel.startsWith(appPrefix) ? includeAppPath(rel.slice(appPrefix.length), isDir) : includeEnvPath(rel, isDir),
      transform: (rel, content) => appDir !== void 0 && (rel === APP_DIR || rel.startsWith(appPrefix)) ? void 0 : transformEnvFile(rel, content),
      trailer
    });
    const manifest = JSON.parse(trailer(result.files)[PACKAGE_MANIFEST].toString("utf8"));
    return { artifact: out2, sha256: result.sha256, size: result.size, files: result.files.length + 1, manifest };
  } catch (err) {
    throw stage2 ? unstage(err, stage2, envDir, appDir) : err;
  } finally {
    if (stage2) await rm3(stage2, { recursive: true, force: true });
  }
}

// src/core/package/package-layout.ts
var SITE_PACKAGES = /^lib\/python\d+\.\d+t?\/site-packages\//;
var LIB_DYNLOAD = /^lib\/python\d+\.\d+t?\/lib-dynload\//;
function isAppPath(rel) {
  return rel === APP_DIR || rel.startsWith(`${APP_DIR}/`);
}
function isSitePackagesPath(rel) {
  return SITE_PACKAGES.test(rel);
}
function distributionPaths(...manifests) {
  const owned = /* @__PURE__ */ new Set();
  for (const m of manifests) for (const d of m?.distributions ?? []) for (const f of d.files) owned.add(f.path);
  return owned;
}
function isInterpreterPath(rel, owned) {
  return !isAppPath(rel) && !isSitePackagesPath(rel) && !owned.has(rel);
}
var EXT_MODULE = /^([A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z0-9_-]+)*\.so$/;
function topLevelExtensionModules(paths) {
  const all = [...paths];
  const has = new Set(all);
  const fromSite = /* @__PURE__ */ new Set();
  const fromDynload = /* @__PURE__ */ new Set();
  for (const rel of all) {
    if (!rel.endsWith(".so")) continue;
    const site = SITE_PACKAGES.exec(rel);
    const dynload = site ? null : LIB_DYNLOAD.exec(rel);
    const prefix = site?.[0] ?? dynload?.[0];
    if (prefix === void 0) continue;
    const names = site ? fromSite : fromDynload;
    const rest = rel.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash < 0) {
      const m = EXT_MODULE.exec(rest);
      if (m) names.add(m[1]);
      continue;
    }
    const top = rest.slice(0, slash);
    if (site && /^[A-Za-z_][A-Za-z0-9_]*$/.test(top) && has.has(`${prefix}${top}/__init__.py`)) names.add(top);
  }
  return [...[...fromSite].sort(), ...[...fromDynload].filter((n2) => !fromSite.has(n2)).sort()];
}

// src/core/package/package-read.ts
var DIST_INFO_FILE = /\.dist-info\/(RECORD|METADATA)$/;
function parseJson(file, name, content) {
  try {
    return JSON.parse(content.toString("utf8"));
  } catch (err) {
    throw new UsageError(
      `${file}: ${name} inside the package is not valid JSON (${err.message})`,
      "the package is damaged or was not made by `pyhermetic pack`: pack it again"
    );
  }
}
async function readPackage(file) {
  const out2 = { file, records: /* @__PURE__ */ new Map(), dirs: /* @__PURE__ */ new Set(), elf: /* @__PURE__ */ new Map(), distInfo: /* @__PURE__ */ new Map() };
  const onEntry = (e, content) => {
    const path6 = e.path.replace(/\/+$/, "");
    if (e.type === "dir") {
      out2.dirs.add(path6);
      return;
    }
    if (e.type === "symlink") {
      const link3 = e.linkTarget ?? "";
      out2.records.set(path6, {
        path: path6,
        sha256: e.sha256 ?? sha256Hex(link3),
        size: Buffer.byteLength(link3),
        mode: 511,
        link: link3
      });
      return;
    }
    if (e.type === "hardlink") {
      const target = out2.records.get((e.linkTarget ?? "").replace(/^\.\//, ""));
      out2.records.set(path6, { path: path6, sha256: e.sha256 ?? target?.sha256 ?? "", size: target?.size ?? 0, mode: e.mode });
      const elf = target && out2.elf.get(target.path);
      if (elf) out2.elf.set(path6, elf);
      return;
    }
    const bytes = content ?? Buffer.alloc(0);
    out2.records.set(path6, { path: path6, sha256: e.sha256 ?? sha256Hex(bytes), size: bytes.length, mode: e.mode });
    if (path6 === PACKAGE_MANIFEST) out2.manifest = parseJson(file, PACKAGE_MANIFEST, bytes);
    else if (path6 === ENV_MANIFEST) out2.envManifest = parseJson(file, ENV_MANIFEST, bytes);
    else if (path6 === INTERPRETER_MANIFEST)
      out2.interpreterManifest = parseJson(file, INTERPRETER_MANIFEST, bytes);
    else if (DIST_INFO_FILE.test(path6)) out2.distInfo.set(path6, bytes.toString("utf8"));
    if (isElf(bytes)) {
      try {
        out2.elf.set(path6, parseElf(bytes));
      } catch (err) {
        out2.elf.set(path6, { error: err.message });
      }
    }
  };
  await readTarGz(file, onEntry);
  if (out2.manifest?.kind !== "pyhermetic-package" || !out2.manifest.env?.interpreter) {
    throw new UsageError(
      `${file} has no valid ${PACKAGE_MANIFEST}: it was not made by \`pyhermetic pack\``,
      "make the package with `pyhermetic pack --env DIR --out FILE.tar.gz`"
    );
  }
  return out2;
}

// src/core/report/report.ts
function checkResult(name, findings, extra = {}) {
  return { name, ok: findings.length === 0, findings, ...extra };
}
function skippedCheck(name, reason) {
  return { name, ok: true, findings: [], skipped: reason };
}
function makeReport(parts) {
  const checks = parts.checks.map((c3) => ({ ...c3, ok: c3.ok && c3.findings.length === 0 }));
  return {
    schema: 1,
    kind: "pyhermetic-report",
    title: parts.title,
    ok: checks.every((c3) => c3.ok),
    checks,
    artifact: parts.artifact ?? {},
    tested: parts.tested ?? {},
    timings: parts.timings ?? {},
    ...parts.whereItRuns ? { whereItRuns: parts.whereItRuns } : {}
  };
}
function findingCount(report) {
  return report.checks.reduce((n2, c3) => n2 + c3.findings.length, 0);
}
function verdictLine(report) {
  const n2 = findingCount(report);
  const failed = report.checks.filter((c3) => !c3.ok).map((c3) => c3.name);
  if (report.ok) return `PASSED: ${report.checks.length} checks, no findings`;
  return `FAILED: ${n2} finding${n2 === 1 ? "" : "s"} in ${failed.join(", ")}`;
}
function formatMs(ms) {
  return ms >= 1e4 ? `${(ms / 1e3).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

// src/core/report/write.ts
import { mkdir as mkdir3 } from "node:fs/promises";
import { join as join8 } from "node:path";

// src/core/report/escape.ts
var XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function visible(ch) {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
function escapeMarkup(text) {
  return String(text).replace(XML_INVALID, visible).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
function html(text) {
  return escapeMarkup(text).replace(/'/g, "&#39;");
}
function xml(text) {
  return escapeMarkup(text).replace(/'/g, "&apos;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
function markdown(text) {
  return String(text).replace(XML_INVALID, visible).replace(/\r?\n/g, " ").replace(/([\\`*_{}[\]()#+!|<>~])/g, "\\$1");
}

// src/core/report/where-it-runs.ts
function floorText(w) {
  const f = w.glibcFloor;
  return `glibc ≥ ${f.version ?? "any"} (${f.source}; the interpreter's own files need ${f.interpreterNeeds ?? "no versioned glibc"})`;
}
function libText(l) {
  const who = l.neededBy.length ? `needed by ${l.neededBy.join(", ")}` : "declared, needed by no file";
  return `${l.name}: ${l.declared ? "declared (a runtime requirement)" : "UNDECLARED (a finding)"}; ${who}`;
}
function rootText(r) {
  const id = r.kind === "tarball" ? `tarball sha256 ${r.sha256}` : "directory";
  return `${r.ok ? "runs" : "FAILS"} in ${r.root} (${id}; glibc ${r.glibc ?? "unknown"}) at ${r.deployPath} via ${r.sandbox}: ${r.findings} finding(s), check "${r.check}"`;
}
function whereItRunsHtml(w) {
  if (!w) return "";
  const libs = w.systemLibraries.length ? `<ul>${w.systemLibraries.map((l) => `<li class="mono">${html(libText(l))}</li>`).join("")}</ul>` : "<p>Nothing besides glibc's libraries.</p>";
  const roots = w.roots.length ? `<table><thead><tr><th>root</th><th>result</th><th>identity</th><th>glibc</th><th>deploy path</th><th>entered with</th></tr></thead><tbody>${w.roots.map(
    (r) => `<tr><td class="mono">${html(r.root)}</td><td>${r.ok ? '<span class="badge ok">RUNS</span>' : '<span class="badge bad">FAILS</span>'} ${html(`${r.findings} finding(s)`)}</td><td class="mono">${html(r.sha256 ? `sha256 ${r.sha256}` : "directory")}</td><td>${html(r.glibc ?? "?")}</td><td class="mono">${html(r.deployPath)}</td><td>${html(r.sandbox)}</td></tr>`
  ).join("")}</tbody></table>` : '<p class="muted">Not run in any production root (verify --root ROOTFS does).</p>';
  return `<h2 id="where-it-runs">Where it runs</h2>
<dl class="kv"><dt>glibc floor</dt><dd>${html(floorText(w))}</dd></dl>
<h3>Libraries from the host besides glibc</h3>${libs}
<h3>Production roots</h3>${roots}`;
}
function whereItRunsMarkdown(w) {
  if (!w) return [];
  const lines = ["", "**Where it runs**", "", `- ${markdown(floorText(w))}`];
  if (w.systemLibraries.length === 0) lines.push("- needs nothing from the host besides glibc's libraries");
  for (const l of w.systemLibraries) lines.push(`- ${markdown(libText(l))}`);
  if (w.roots.length === 0) lines.push("- not run in a production root (verify --root)");
  for (const r of w.roots) lines.push(`- ${markdown(rootText(r))}`);
  return lines;
}
function whereItRunsJunitProperties(w) {
  if (!w) return "";
  const props = [
    ["glibcFloor", w.glibcFloor.version ?? "none"],
    ["glibcFloorSource", w.glibcFloor.source],
    ["systemLibraries", w.systemLibraries.map((l) => `${l.name}${l.declared ? "" : " (undeclared)"}`).join(", ")],
    ...w.roots.map((r, i2) => [`root.${i2 + 1}`, rootText(r)])
  ];
  return props.map(([k, v]) => `<property name="${xml(k)}" value="${xml(v)}"/>`).join("");
}

// src/core/report/html.ts
var HTML_FINDINGS_PER_CHECK = 500;
var CSS = `
:root { --ok: #1a7f37; --bad: #cf222e; --skip: #6e7781; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328;
  margin: 0 auto; padding: 24px; max-width: 1100px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.verdict { border-radius: 8px; padding: 18px 22px; color: #fff; margin-bottom: 20px; }
.verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); }
.verdict h1 { margin: 0 0 4px; font-size: 26px; } .verdict p { margin: 0; font-size: 16px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 12px; padding: 1px 10px;
  font-size: 12px; font-weight: 700; color: #fff; }
.badge.ok { background: var(--ok); } .badge.bad { background: var(--bad); } .badge.skip { background: var(--skip); }
section.check { border: 1px solid var(--line); border-radius: 8px; margin: 14px 0; overflow: hidden; }
section.check > h2 { margin: 0; padding: 10px 14px; font-size: 17px; background: var(--bg);
  border-bottom: 1px solid var(--line); display: flex; gap: 10px; align-items: center; }
section.check.bad > h2 { background: #ffebe9; }
section.check .body { padding: 8px 14px; }
ol.findings { margin: 0; padding-left: 22px; }
ol.findings li { margin: 8px 0; }
.path { font-weight: 600; word-break: break-all; }
.fix { color: #0550ae; margin-top: 2px; } .fix::before { content: "fix: "; font-weight: 600; }
.muted { color: #57606a; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 8px 0 20px; }
dl.kv dt { font-weight: 600; } dl.kv dd { margin: 0; word-break: break-all; }
`;
function badge(c3) {
  if (c3.skipped !== void 0) return '<span class="badge skip">SKIPPED</span>';
  return c3.ok ? '<span class="badge ok">PASS</span>' : '<span class="badge bad">FAIL</span>';
}
function value(v) {
  if (v === null || v === void 0) return '<span class="muted">—</span>';
  if (typeof v === "object") return `<code>${html(JSON.stringify(v))}</code>`;
  return `<code>${html(v)}</code>`;
}
function keyValues(obj) {
  const keys = Object.keys(obj);
  if (keys.length === 0) return '<p class="muted">nothing recorded</p>';
  return `<dl class="kv">${keys.map((k) => `<dt>${html(k)}</dt><dd>${value(obj[k])}</dd>`).join("")}</dl>`;
}
function checkSection(c3, index) {
  const state = c3.skipped !== void 0 ? "skip" : c3.ok ? "ok" : "bad";
  const lines = [];
  if (c3.summary) lines.push(`<p class="muted">${html(c3.summary)}</p>`);
  if (c3.skipped !== void 0) lines.push(`<p>Not run: ${html(c3.skipped)}</p>`);
  else if (c3.findings.length === 0) lines.push("<p>No findings.</p>");
  else {
    const shown2 = c3.findings.slice(0, HTML_FINDINGS_PER_CHECK);
    lines.push(
      `<ol class="findings">${shown2.map(
        (f) => `<li><div class="path mono">${html(f.path)}</div><div>${html(f.message)}</div><div class="fix">${html(f.fix)}</div></li>`
      ).join("")}</ol>`
    );
    const more = c3.findings.length - shown2.length;
    if (more > 0) lines.push(`<p class="muted">… and ${more} more finding(s): see report.json.</p>`);
  }
  return `<section class="check ${state}" id="check-${index}"><h2>${badge(c3)} ${html(c3.name)}<span class="muted" style="margin-left:auto;font-weight:400;font-size:14px">${c3.findings.length} finding(s)${c3.durationMs !== void 0 ? ` · ${html(formatMs(c3.durationMs))}` : ""}</span></h2><div class="body">${lines.join("")}</div></section>`;
}
function sectionsFailingFirst(report) {
  const indexed = report.checks.map((c3, i2) => ({ c: c3, i: i2 }));
  const ordered = [...indexed.filter(({ c: c3 }) => !c3.ok), ...indexed.filter(({ c: c3 }) => c3.ok)];
  return ordered.map(({ c: c3, i: i2 }) => checkSection(c3, i2)).join("\n");
}
function renderHtml(report) {
  const n2 = findingCount(report);
  const rows = report.checks.map(
    (c3, i2) => `<tr><td><a href="#check-${i2}">${html(c3.name)}</a></td><td>${badge(c3)}</td><td class="num">${c3.findings.length}</td><td class="muted">${html(c3.skipped ?? c3.summary ?? "")}</td></tr>`
  ).join("");
  const timings = Object.entries(report.timings).map(([k, ms]) => `<tr><td>${html(k)}</td><td class="num">${html(formatMs(ms))}</td></tr>`).join("");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(report.title)}: ${report.ok ? "PASSED" : "FAILED"}</title>
<style>${CSS}</style></head>
<body>
<div class="verdict ${report.ok ? "ok" : "bad"}"><h1>${report.ok ? "PASSED" : "FAILED"} — ${html(report.title)}</h1>
<p>${html(verdictLine(report))}${n2 > 0 ? ". Each finding below says what to do." : "."}</p></div>
<table><thead><tr><th>check</th><th>result</th><th style="text-align:right">findings</th><th>details</th></tr></thead>
<tbody>${rows}</tbody></table>
${whereItRunsHtml(report.whereItRuns)}
${sectionsFailingFirst(report)}
<h2>Artifact (what ships)</h2>${keyValues(report.artifact)}
<h2>Tested (what the tests ran in)</h2>${keyValues(report.tested)}
${timings ? `<h2>Timings</h2><table style="width:auto"><tbody>${timings}</tbody></table>` : ""}
</body></html>
`;
}

// src/core/report/junit.ts
var JUNIT_FINDINGS_PER_CHECK = 1e3;
function renderJunit(report, suiteName = "pyhermetic") {
  const failures = report.checks.filter((c3) => !c3.ok).length;
  const skipped = report.checks.filter((c3) => c3.skipped !== void 0).length;
  const total = Object.values(report.timings).reduce((a2, b) => a2 + b, 0);
  const cases = report.checks.map((c3) => {
    const time = ((c3.durationMs ?? 0) / 1e3).toFixed(3);
    const open5 = `  <testcase classname="${xml(suiteName)}" name="${xml(c3.name)}" time="${time}"`;
    if (c3.skipped !== void 0) return `${open5}>
    <skipped message="${xml(c3.skipped)}"/>
  </testcase>`;
    if (c3.ok) return `${open5}/>`;
    const shown2 = c3.findings.slice(0, JUNIT_FINDINGS_PER_CHECK);
    const body = shown2.map((f) => `${f.path}: ${f.message}
  fix: ${f.fix}`);
    if (c3.findings.length > shown2.length) body.push(`… and ${c3.findings.length - shown2.length} more (see report.json)`);
    const first = c3.findings[0];
    const message = `${c3.findings.length} finding(s)${first ? `; first: ${first.path}: ${first.message}` : ""}`;
    return `${open5}>
    <failure message="${xml(message)}" type="${xml(c3.name)}">${xml(body.join("\n"))}</failure>
  </testcase>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="${xml(report.title)}" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${(total / 1e3).toFixed(3)}">
 <testsuite name="${xml(suiteName)}" tests="${report.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${(total / 1e3).toFixed(3)}">
  <properties><property name="findings" value="${findingCount(report)}"/>${whereItRunsJunitProperties(report.whereItRuns)}</properties>
${cases.join("\n")}
 </testsuite>
</testsuites>
`;
}

// src/core/report/markdown.ts
var SUMMARY_FINDINGS = 5;
function renderMarkdown(report) {
  const lines = [
    `**${markdown(report.title)}: ${report.ok ? "PASSED ✅" : "FAILED ❌"}** — ${markdown(verdictLine(report))}`,
    ""
  ];
  lines.push("| check | result | findings |", "| --- | --- | ---: |");
  for (const c3 of report.checks) {
    const result = c3.skipped !== void 0 ? "skipped" : c3.ok ? "pass" : "**FAIL**";
    lines.push(`| ${markdown(c3.name)} | ${result} | ${c3.findings.length} |`);
  }
  lines.push(...whereItRunsMarkdown(report.whereItRuns));
  const all = report.checks.flatMap((c3) => c3.findings.map((f) => ({ check: c3.name, ...f })));
  if (all.length > 0) {
    lines.push("");
    for (const f of all.slice(0, SUMMARY_FINDINGS)) {
      lines.push(
        `- ${markdown(f.check)}: \`${f.path.replace(/`/g, "'").replace(/\r?\n/g, " ")}\` ${markdown(f.message)} (fix: ${markdown(f.fix)})`
      );
    }
    const more = findingCount(report) - Math.min(all.length, SUMMARY_FINDINGS);
    if (more > 0) lines.push(`- … ${more} more in report.html`);
  }
  return `${lines.join("\n")}
`;
}

// src/core/report/write.ts
var REPORT_FILES = {
  json: "report.json",
  html: "report.html",
  junit: "junit.xml",
  markdown: "summary.md"
};
function renderAll(report) {
  return {
    json: `${JSON.stringify(report, null, 2)}
`,
    html: renderHtml(report),
    junit: renderJunit(report),
    markdown: renderMarkdown(report)
  };
}
async function writeReports(report, dir) {
  await mkdir3(dir, { recursive: true });
  const rendered = renderAll(report);
  const paths = {
    json: join8(dir, REPORT_FILES.json),
    html: join8(dir, REPORT_FILES.html),
    junit: join8(dir, REPORT_FILES.junit),
    markdown: join8(dir, REPORT_FILES.markdown)
  };
  for (const key2 of ["html", "junit", "markdown", "json"]) await writeFileAtomic(paths[key2], rendered[key2]);
  return paths;
}

// src/core/verify/verify-distributions.ts
import { posix as posix6 } from "node:path";

// src/core/deps/dist-metadata.ts
function normalizeName(name) {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
function metadataField(text, field) {
  const wanted = field.toLowerCase();
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "") break;
    const m = /^([A-Za-z0-9-]+):\s*(.*?)\s*$/.exec(line);
    if (m && m[1].toLowerCase() === wanted) return m[2];
  }
  return void 0;
}

// src/core/deps/dist-record.ts
import { createHash as createHash5 } from "node:crypto";
import { lstat as lstat3, readdir as readdir4, readFile as readFile4 } from "node:fs/promises";
import { join as join9, posix as posix5 } from "node:path";

// node_modules/yocto-queue/index.js
var Node = class {
  value;
  next;
  constructor(value2) {
    this.value = value2;
  }
};
var Queue = class {
  #head;
  #tail;
  #size;
  constructor() {
    this.clear();
  }
  enqueue(value2) {
    const node = new Node(value2);
    if (this.#head) {
      this.#tail.next = node;
      this.#tail = node;
    } else {
      this.#head = node;
      this.#tail = node;
    }
    this.#size++;
  }
  dequeue() {
    const current = this.#head;
    if (!current) {
      return;
    }
    this.#head = this.#head.next;
    this.#size--;
    if (!this.#head) {
      this.#tail = void 0;
    }
    return current.value;
  }
  peek() {
    if (!this.#head) {
      return;
    }
    return this.#head.value;
  }
  clear() {
    this.#head = void 0;
    this.#tail = void 0;
    this.#size = 0;
  }
  get size() {
    return this.#size;
  }
  *[Symbol.iterator]() {
    let current = this.#head;
    while (current) {
      yield current.value;
      current = current.next;
    }
  }
  *drain() {
    while (this.#head) {
      yield this.dequeue();
    }
  }
};

// node_modules/p-limit/index.js
function pLimit(concurrency) {
  validateConcurrency(concurrency);
  const queue = new Queue();
  let activeCount = 0;
  const resumeNext = () => {
    if (activeCount < concurrency && queue.size > 0) {
      queue.dequeue()();
      activeCount++;
    }
  };
  const next = () => {
    activeCount--;
    resumeNext();
  };
  const run2 = async (function_, resolve19, arguments_) => {
    const result = (async () => function_(...arguments_))();
    resolve19(result);
    try {
      await result;
    } catch {
    }
    next();
  };
  const enqueue = (function_, resolve19, arguments_) => {
    new Promise((internalResolve) => {
      queue.enqueue(internalResolve);
    }).then(
      run2.bind(void 0, function_, resolve19, arguments_)
    );
    (async () => {
      await Promise.resolve();
      if (activeCount < concurrency) {
        resumeNext();
      }
    })();
  };
  const generator = (function_, ...arguments_) => new Promise((resolve19) => {
    enqueue(function_, resolve19, arguments_);
  });
  Object.defineProperties(generator, {
    activeCount: {
      get: () => activeCount
    },
    pendingCount: {
      get: () => queue.size
    },
    clearQueue: {
      value() {
        queue.clear();
      }
    },
    concurrency: {
      get: () => concurrency,
      set(newConcurrency) {
        validateConcurrency(newConcurrency);
        concurrency = newConcurrency;
        queueMicrotask(() => {
          while (activeCount < concurrency && queue.size > 0) {
            resumeNext();
          }
        });
      }
    }
  });
  return generator;
}
function validateConcurrency(concurrency) {
  if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
    throw new TypeError("Expected `concurrency` to be a number from 1 and up");
  }
}

// src/core/deps/dist-record.ts
function parseCsvLine(line) {
  const out2 = [];
  let cur = "";
  let quoted = false;
  for (let i2 = 0; i2 < line.length; i2++) {
    const ch = line[i2];
    if (quoted) {
      if (ch === '"' && line[i2 + 1] === '"') {
        cur += '"';
        i2++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out2.push(cur);
      cur = "";
    } else cur += ch;
  }
  out2.push(cur);
  return out2;
}
function csvField(s) {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function b64ToHex(b64) {
  return Buffer.from(b64.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("hex");
}
function hexToB64(hex) {
  return Buffer.from(hex, "hex").toString("base64url").replace(/=+$/, "");
}
async function readDistInfos(prefix, siteDirs) {
  const dists = [];
  for (const site of [...new Set(siteDirs)]) {
    const names = await readdir4(join9(prefix, site)).catch(() => []);
    for (const entry of names.filter((n2) => n2.endsWith(".dist-info")).sort()) {
      const dir = posix5.join(site, entry);
      const metadata = await readFile4(join9(prefix, dir, "METADATA"), "utf8").catch(() => "");
      const recordText = await readFile4(join9(prefix, dir, "RECORD"), "utf8").catch(() => void 0);
      if (recordText === void 0) continue;
      const rows = [];
      for (const line of recordText.split(/\r?\n/)) {
        if (line.trim() === "") continue;
        const [raw, hash, size] = parseCsvLine(line);
        const path6 = posix5.normalize(raw.startsWith("/") ? raw : posix5.join(site, raw));
        const m = /^sha256=([A-Za-z0-9_-]+)$/.exec(hash ?? "");
        rows.push({ raw, path: path6, sha256: m ? b64ToHex(m[1]) : void 0, size });
      }
      dists.push({
        name: metadataField(metadata, "Name") ?? entry.replace(/-[^-]*\.dist-info$/, ""),
        version: metadataField(metadata, "Version") ?? "",
        dir,
        recordFile: posix5.join(dir, "RECORD"),
        rows
      });
    }
  }
  return dists;
}
async function sha256Of(file) {
  const content = await readFile4(file);
  return { sha256: createHash5("sha256").update(content).digest("hex"), size: content.length, content };
}
async function verifyDistributions(prefix, dists) {
  const findings = [];
  const launcherRows = [];
  const distributions = [];
  const limit = pLimit(8);
  for (const d of dists) {
    const files = [];
    const checked = await Promise.all(d.rows.map((row) => limit(() => checkRow(prefix, d, row))));
    for (const c3 of checked) {
      if (c3.finding) findings.push(c3.finding);
      if (c3.launcher) launcherRows.push(c3.launcher);
      if (c3.file) files.push(c3.file);
    }
    files.sort((a2, b) => a2.path < b.path ? -1 : a2.path > b.path ? 1 : 0);
    distributions.push({ name: d.name, version: d.version, files });
  }
  distributions.sort(
    (a2, b) => a2.name.toLowerCase() < b.name.toLowerCase() ? -1 : a2.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0
  );
  return { distributions, findings, launcherRows };
}
async function checkRow(prefix, d, row) {
  if (row.path.startsWith("../") || row.path.startsWith("/")) {
    return {
      finding: {
        path: `${d.name} ${d.version}: ${row.raw}`,
        message: "RECORD names a file outside the environment",
        fix: "the wheel installs outside its prefix; do not use it"
      }
    };
  }
  const st = await lstat3(join9(prefix, row.path)).catch(() => void 0);
  if (!st) {
    return row.sha256 ? {
      finding: {
        path: row.path,
        message: `${d.name} ${d.version}: file listed in RECORD is missing`,
        fix: "recreate the environment; if it repeats, the wheel is broken"
      }
    } : {};
  }
  if (!st.isFile()) return {};
  const disk = await sha256Of(join9(prefix, row.path));
  const file = { path: row.path, sha256: disk.sha256, size: disk.size };
  if (row.sha256 && disk.sha256 !== row.sha256) {
    if (row.path.startsWith("bin/") && isRelativeLauncher(disk.content)) return { launcher: row.path, file };
    return {
      finding: {
        path: row.path,
        message: `${d.name} ${d.version}: sha256 ${disk.sha256} on disk, RECORD says ${row.sha256}`,
        fix: "the installed file was changed after pip wrote it; recreate the environment and find what modifies it"
      }
    };
  }
  return { file };
}
async function rerecord(prefix, dists, paths) {
  const changed = [];
  for (const d of dists) {
    if (!d.rows.some((r) => paths.has(r.path))) continue;
    const lines = [];
    for (const row of d.rows) {
      if (paths.has(row.path)) {
        const disk = await sha256Of(join9(prefix, row.path));
        row.sha256 = disk.sha256;
        row.size = String(disk.size);
        lines.push([row.raw, `sha256=${hexToB64(disk.sha256)}`, row.size].map(csvField).join(","));
      } else {
        lines.push(
          [row.raw, row.sha256 ? `sha256=${hexToB64(row.sha256)}` : "", row.size ?? ""].map(csvField).join(",")
        );
      }
    }
    const file = join9(prefix, d.recordFile);
    await writeFileAtomic(file, `${lines.join("\n")}
`);
    changed.push(d.recordFile);
  }
  return changed;
}

// src/core/verify/verify-distributions.ts
function packagedDistributions(pkg) {
  const out2 = [];
  for (const [path6, text] of pkg.distInfo) {
    if (!path6.endsWith("/METADATA")) continue;
    const distInfo = path6.slice(0, -"/METADATA".length);
    out2.push({ name: metadataField(text, "name") ?? "", version: metadataField(text, "version") ?? "", distInfo });
  }
  return out2.sort((a2, b) => a2.distInfo < b.distInfo ? -1 : 1);
}
function b64urlToHex(b64) {
  return Buffer.from(b64.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("hex");
}
function recordFindings(pkg, launchers) {
  const findings = [];
  let rows = 0;
  for (const [recordPath, text] of pkg.distInfo) {
    if (!recordPath.endsWith("/RECORD")) continue;
    const distInfo = posix6.dirname(recordPath);
    const site = posix6.dirname(distInfo);
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === "") continue;
      const [raw, hash] = parseCsvLine(line);
      const m = /^sha256=([A-Za-z0-9_-]+=*)$/.exec(hash ?? "");
      if (!m) continue;
      const path6 = posix6.normalize(posix6.join(site, raw));
      if (path6.startsWith("../") || raw.startsWith("/")) {
        findings.push({
          path: `${recordPath}: ${raw}`,
          message: "RECORD names a file outside the package",
          fix: "the distribution installs outside its prefix: do not ship it"
        });
        continue;
      }
      if (isPycPath(path6, false) || launchers.has(path6)) continue;
      rows++;
      const rec = pkg.records.get(path6);
      const expected = b64urlToHex(m[1]);
      if (!rec) {
        findings.push({
          path: path6,
          message: `listed with a hash in ${recordPath} but missing from the package`,
          fix: "the installed distribution is incomplete: recreate the env with `pyhermetic env create` and pack it again"
        });
      } else if (rec.sha256 !== expected) {
        findings.push({
          path: path6,
          message: `sha256 ${rec.sha256.slice(0, 16)}… in the package, ${recordPath} says ${expected.slice(0, 16)}…: the file was changed after pip installed it`,
          fix: "find what modified the installed file; recreate the env with `pyhermetic env create`, test it, and pack it again"
        });
      }
    }
  }
  return { findings, rows };
}
function distributionsCheck(pkg, tested) {
  const findings = [];
  const packaged = packagedDistributions(pkg);
  const inPackage = new Map(packaged.map((d) => [normalizeName(d.name), d]));
  const inTested = new Map(tested.distributions.map((d) => [normalizeName(d.name), d]));
  const fix = "ship what was tested: pack the tested env itself (pyhermetic pack --env <tested>), and change distributions only through the lock";
  for (const [key2, t] of inTested) {
    const p = inPackage.get(key2);
    if (!p)
      findings.push({
        path: t.name,
        message: `${t.name} ${t.version} is installed in the tested env but not in the package`,
        fix
      });
    else if (p.version !== t.version)
      findings.push({
        path: p.distInfo,
        message: `${t.name}: version ${p.version} in the package, ${t.version} in the tested env`,
        fix
      });
  }
  for (const [key2, p] of inPackage) {
    if (!inTested.has(key2)) {
      findings.push({
        path: p.distInfo,
        message: `${p.name} ${p.version} is in the package but not among the tested env's distributions (not installed from the lock by env create)`,
        fix
      });
    }
  }
  const launchers = new Set(pkg.manifest?.env.launchersRewritten ?? []);
  const records = recordFindings(pkg, launchers);
  findings.push(...records.findings);
  return checkResult("distributions", findings, {
    summary: `${packaged.length} distributions in the package, ${tested.distributions.length} in the tested env; ${records.rows} RECORD hashes checked`
  });
}

// src/core/package/tree-diff.ts
function toMap(records) {
  if (records instanceof Map) return records;
  const m = /* @__PURE__ */ new Map();
  for (const r of records) m.set(r.path, r);
  return m;
}
var byPath = (x, y) => Buffer.compare(Buffer.from(x.path), Buffer.from(y.path));
function compareTrees(aIn, bIn, keep = () => true) {
  const a2 = toMap(aIn);
  const b = toMap(bIn);
  const diff = { added: [], removed: [], changed: [] };
  for (const [path6, ra] of a2) {
    if (!keep(path6)) continue;
    const rb = b.get(path6);
    if (!rb) {
      diff.removed.push(ra);
      continue;
    }
    const what = [];
    if (ra.link === void 0 !== (rb.link === void 0)) what.push("type");
    else if (ra.link !== void 0 && ra.link !== rb.link) what.push("link target");
    else if (ra.sha256 !== rb.sha256) what.push("content");
    if (ra.link === void 0 && rb.link === void 0 && ra.mode !== rb.mode) what.push("mode");
    if (what.length > 0) diff.changed.push({ path: path6, a: ra, b: rb, what });
  }
  for (const [path6, rb] of b) if (keep(path6) && !a2.has(path6)) diff.added.push(rb);
  diff.added.sort(byPath);
  diff.removed.sort(byPath);
  diff.changed.sort(byPath);
  return diff;
}
function describeChange(c3, labels = ["A", "B"]) {
  const [la, lb] = labels;
  const parts = [];
  for (const w of c3.what) {
    if (w === "content")
      parts.push(
        `content differs (${la}: sha256 ${c3.a.sha256.slice(0, 12)}…, ${c3.a.size} bytes; ${lb}: sha256 ${c3.b.sha256.slice(0, 12)}…, ${c3.b.size} bytes)`
      );
    else if (w === "mode") parts.push(`mode differs (${la}: ${c3.a.mode.toString(8)}; ${lb}: ${c3.b.mode.toString(8)})`);
    else if (w === "link target") parts.push(`symlink target differs (${la}: ${c3.a.link}; ${lb}: ${c3.b.link})`);
    else if (w === "type")
      parts.push(
        `type differs (${la}: ${c3.a.link === void 0 ? "file" : "symlink"}; ${lb}: ${c3.b.link === void 0 ? "file" : "symlink"})`
      );
  }
  return parts.join("; ");
}

// src/core/verify/verify-files.ts
function filesCheck(input) {
  const { pkg } = input;
  const findings = [];
  const repack = `pack the tested env again (pyhermetic pack --env ${input.testedDir}${input.app ? " --app …" : ""}) and ship that package`;
  const keep = (path6) => {
    if (path6 === PACKAGE_MANIFEST) return false;
    if (isAppPath(path6) && !input.app) return false;
    if (input.skipInterpreterFiles && isInterpreterPath(path6, input.skipInterpreterFiles)) return false;
    return true;
  };
  const testedRecords = input.app ? [...input.tested, ...input.app] : input.tested;
  const diff = compareTrees(testedRecords, pkg.records, keep);
  for (const r of diff.removed)
    findings.push({ path: r.path, message: "in the tested env but missing from the package", fix: repack });
  for (const r of diff.added)
    findings.push({
      path: r.path,
      message: "in the package but not in the tested env: it would ship without having been tested",
      fix: repack
    });
  for (const c3 of diff.changed)
    findings.push({
      path: c3.path,
      message: `differs between the tested env and the package: ${describeChange(c3, ["tested", "package"])}`,
      fix: repack
    });
  const listed = (pkg.manifest?.files ?? []).filter((r) => r.path !== PACKAGE_MANIFEST);
  const archived = [...pkg.records.values()].filter((r) => r.path !== PACKAGE_MANIFEST);
  const self = compareTrees(listed, archived);
  const tampered = "the package was altered after `pyhermetic pack` wrote it: pack it again and find what changes it";
  for (const r of self.removed)
    findings.push({ path: r.path, message: `listed in ${PACKAGE_MANIFEST} but not in the archive`, fix: tampered });
  for (const r of self.added)
    findings.push({ path: r.path, message: `in the archive but not listed in ${PACKAGE_MANIFEST}`, fix: tampered });
  for (const c3 of self.changed)
    findings.push({
      path: c3.path,
      message: `does not match ${PACKAGE_MANIFEST}: ${describeChange(c3, ["manifest", "archive"])}`,
      fix: tampered
    });
  const compared = testedRecords.filter((r) => keep(r.path)).length;
  let summary = `${compared} tested files compared with ${archived.length} packaged files`;
  if (!input.app && archived.some((r) => isAppPath(r.path)))
    summary += "; app/ checked against the package manifest only (pass --app to compare it with the tested app)";
  if (input.skipInterpreterFiles)
    summary += "; the interpreter's own files were not compared because the interpreters differ (see the interpreter check)";
  return checkResult("files", findings, { summary });
}

// src/core/verify/verify-interpreter.ts
function describe2(i2) {
  return `CPython ${i2.version}, ${i2.shared ? "shared" : "static"}, fingerprint ${i2.fingerprint.slice(0, 16)}…, artifact ${i2.artifactSha256 ? `${i2.artifactSha256.slice(0, 16)}…` : "none (made from an installed directory)"}`;
}
function interpreterCheck(pkg, tested, testedDir) {
  const findings = [];
  const packaged = pkg.manifest.env.interpreter;
  const fix = `make the package from the env the tests ran in (pyhermetic pack --env ${testedDir}), or run the tests in an env made from the package's interpreter artifact`;
  if (packaged.fingerprint !== tested.interpreter.fingerprint) {
    findings.push({
      path: "interpreter fingerprint",
      message: `the package's interpreter (${describe2(packaged)}) is not the tested one (${describe2(tested.interpreter)}): extensions tested under one ABI would ship under another`,
      fix
    });
  }
  if (packaged.artifactSha256 !== tested.interpreter.artifactSha256) {
    findings.push({
      path: "interpreter artifact",
      message: `the package was made from interpreter artifact ${packaged.artifactSha256 ?? "(none)"}, the tested env from ${tested.interpreter.artifactSha256 ?? "(none)"}`,
      fix: `${fix}; build the interpreter once and use that one artifact for both`
    });
  }
  const inTree = pkg.envManifest?.interpreter;
  if (!inTree) {
    findings.push({
      path: "pyhermetic-env.json",
      message: "the package has no env manifest in its tree",
      fix: "pack the env again with `pyhermetic pack`; do not edit packages by hand"
    });
  } else if (inTree.fingerprint !== packaged.fingerprint || inTree.artifactSha256 !== packaged.artifactSha256) {
    findings.push({
      path: "pyhermetic-env.json",
      message: "the env manifest inside the package names another interpreter than the package manifest: the package was altered after packing",
      fix: "pack the tested env again with `pyhermetic pack`"
    });
  }
  const summary = `package: ${describe2(packaged)}; tested: ${describe2(tested.interpreter)}`;
  return checkResult("interpreter", findings, { summary });
}

// src/core/interpreter/glibc-floor.ts
import { readdir as readdir5, readFile as readFile5 } from "node:fs/promises";
import { join as join10 } from "node:path";
function highestGlibc(infos) {
  let best;
  for (const info2 of infos) {
    const v = maxGlibcVersion(info2);
    if (v && (!best || compareGlibc(v, best) > 0)) best = v;
  }
  return best;
}
function declaredGlibcFloor(manifest) {
  const v = manifest?.glibcFloor;
  return typeof v === "string" ? parseGlibcVersion(v) : void 0;
}
function elfInfo(bytes) {
  if (!bytes || !isElf(bytes)) return void 0;
  try {
    return parseElf(bytes);
  } catch {
    return void 0;
  }
}
async function floorOfArtifact(tarball) {
  const infos = [];
  await readTarGz(tarball, (_e, content) => {
    const info2 = elfInfo(content);
    if (info2) infos.push(info2);
  });
  return highestGlibc(infos);
}
var PROBE2 = `
import json, os, sys, sysconfig
v = sysconfig.get_config_var
libs = []
if v('Py_ENABLE_SHARED'):
    for d in (v('LIBDIR'), os.path.join(v('LIBDIR') or '', v('MULTIARCH') or '')):
        p = os.path.join(d or '', v('INSTSONAME') or '')
        if os.path.isfile(p):
            libs.append(p)
            break
print(json.dumps({'exe': os.path.realpath(sys.executable), 'libs': libs, 'dynload': v('DESTSHARED') or ''}))
`;
async function floorOfInstalled(python) {
  const r = await run(python, ["-I", "-c", PROBE2], { env: scrubbedEnv(), timeoutMs: 6e4 });
  if (r.exitCode !== 0)
    throw new EnvironmentError(
      `${python} did not report its own files (${r.spawnError ?? `exit ${r.exitCode}`}): ${tail(r.stderr, 5)}`,
      "pass --glibc-max X.Y explicitly, or an interpreter that runs on this machine"
    );
  const doc = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
  const dynload = doc.dynload ? (await readdir5(doc.dynload).catch(() => [])).filter((n2) => n2.endsWith(".so")) : [];
  const files = [doc.exe, ...doc.libs, ...dynload.map((n2) => join10(doc.dynload, n2))];
  const infos = [];
  for (const f of files) {
    const info2 = elfInfo(await readFile5(f).catch(() => void 0));
    if (info2) infos.push(info2);
  }
  return highestGlibc(infos);
}
async function interpreterGlibcFloor(ref) {
  const declared = declaredGlibcFloor(ref.manifest);
  if (declared) return { version: declared, source: "glibcFloor of interpreter.json" };
  if (ref.kind === "artifact" && ref.artifactPath)
    return {
      version: await floorOfArtifact(ref.artifactPath),
      source: "computed from the interpreter's ELF files"
    };
  if (!ref.python) return { source: "unknown" };
  return { version: await floorOfInstalled(ref.python), source: "computed from the interpreter's ELF files" };
}

// src/core/verify/verify-linkage.ts
var NO_GLIBC_LIMIT = "999.0";
function ownerOf(pkg) {
  const env = pkg.manifest.env;
  const byPath2 = /* @__PURE__ */ new Map();
  for (const d of env.distributions) for (const f of d.files) byPath2.set(f.path, `${d.name} ${d.version}`);
  const owned = new Set(byPath2.keys());
  return (path6) => {
    if (isAppPath(path6)) return "app";
    if (isInterpreterPath(path6, owned)) return "interpreter";
    return byPath2.get(path6) ?? "site-packages (no distribution owns it)";
  };
}
function glibcFinding(path6, owner, versions, floor, source) {
  const above = versions.filter((v) => compareGlibc(v, floor) > 0);
  if (above.length === 0) return void 0;
  const highest = above[above.length - 1];
  const tag = `manylinux_${floor.replace(".", "_")}`;
  return {
    path: path6,
    message: `needs GLIBC_${highest} (${above.map((v) => `GLIBC_${v}`).join(", ")}), above the glibc floor ${floor} (${source}); belongs to: ${owner}. It does not load on a host with an older glibc`,
    fix: owner === "interpreter" ? `use an interpreter built in an older build root (its glibc ≤ ${floor}, e.g. a Debian 11 root for 2.31, a manylinux2014 export for 2.17), or raise --glibc-max to ${highest} if every production host has glibc ${highest} or newer` : `use a wheel of an older manylinux tag (${tag} or older: pin a version that has one), or raise --glibc-max to ${highest} if every production host has glibc ${highest} or newer`
  };
}
function hostLibraryFinding(path6, owner, names) {
  const list = names.join(", ");
  const declare = `declare ${names.length > 1 ? "them" : "it"} with ${names.map((n2) => `--allow-system-lib ${n2}`).join(" ")} if every production host has ${names.length > 1 ? "them" : "it"} (verify --root proves it)`;
  return {
    path: path6,
    message: `needs ${list} from the host: not inside the package and not one of glibc's libraries; belongs to: ${owner}`,
    fix: owner === "interpreter" ? `use an interpreter that links ${names.length > 1 ? "these libraries" : "it"} in (built in a build root with the libraries linked statically), or ${declare}` : owner === "app" ? `bundle ${names.length > 1 ? "them" : "it"} inside the app next to an $ORIGIN rpath, or ${declare}` : `use a wheel that bundles ${names.length > 1 ? "them" : "it"} (auditwheel repair), or ${declare}`
  };
}
function linkageCheck(pkg, glibcMax, allowSystemLibs) {
  const env = pkg.manifest.env;
  const staticInterpreter = !env.interpreter.shared;
  const [major, minor] = env.interpreter.version.split(".");
  const libpython = staticInterpreter ? void 0 : `libpython${major}.${minor}.so.1.0`;
  const owner = ownerOf(pkg);
  const findings = [];
  const loadable = [];
  for (const [path6, info2] of pkg.elf) {
    if ("error" in info2) {
      findings.push({
        path: path6,
        message: `starts like an ELF file but cannot be read: ${info2.error}`,
        fix: "the file is damaged or truncated: recreate the env (or the wheel it came from) and pack again"
      });
    } else if (info2.type === "dyn" || info2.type === "exec") {
      loadable.push({ path: path6, info: info2 });
    }
  }
  const interpreterNeeds = highestGlibc(loadable.filter((f) => owner(f.path) === "interpreter").map((f) => f.info));
  const declared = declaredGlibcFloor(pkg.interpreterManifest);
  const floor = glibcMax ? { version: glibcMax, source: "--glibc-max", interpreterNeeds: interpreterNeeds ?? null } : declared ? { version: declared, source: "glibcFloor of interpreter.json", interpreterNeeds: interpreterNeeds ?? null } : {
    version: interpreterNeeds ?? null,
    source: "the interpreter's own files (interpreter.json declares no glibcFloor)",
    interpreterNeeds: interpreterNeeds ?? null
  };
  const inTree = new Set(loadable.flatMap((f) => [f.path.slice(f.path.lastIndexOf("/") + 1), f.info.soname ?? ""]));
  const declaredLibs = new Set(allowSystemLibs);
  const fromHost = /* @__PURE__ */ new Map();
  for (const f of loadable) {
    const undeclared = [];
    for (const n2 of f.info.needed) {
      if (isLibpython(n2) || isGlibcLibrary(n2) || inTree.has(n2) || n2.includes("/")) continue;
      if (!fromHost.has(n2)) fromHost.set(n2, /* @__PURE__ */ new Set());
      fromHost.get(n2).add(owner(f.path));
      if (!declaredLibs.has(n2)) undeclared.push(n2);
    }
    if (undeclared.length > 0) findings.push(hostLibraryFinding(f.path, owner(f.path), undeclared));
  }
  findings.push(
    ...treeLinkageFindings(loadable, {
      staticInterpreter,
      libpython,
      glibcMax: NO_GLIBC_LIMIT,
      extraAllowed: [...fromHost.keys()],
      glibcOnly: true
    })
  );
  if (floor.version) {
    for (const f of loadable) {
      const g = glibcFinding(f.path, owner(f.path), glibcVersions(f.info), floor.version, floor.source);
      if (g) findings.push(g);
    }
  }
  findings.sort((a2, b) => a2.path < b.path ? -1 : a2.path > b.path ? 1 : 0);
  const unused = [...declaredLibs].filter((n2) => !fromHost.has(n2));
  const systemLibraries = [...fromHost.keys(), ...unused].sort().map((name) => ({
    name,
    declared: declaredLibs.has(name),
    neededBy: [...fromHost.get(name) ?? []].sort()
  }));
  const summary = `${pkg.elf.size} ELF files read; glibc floor ${floor.version ?? "none"} (${floor.source}; the interpreter's files need ${interpreterNeeds ?? "no versioned glibc"}); ${staticInterpreter ? "static" : "shared"} interpreter` + (systemLibraries.length ? `; libraries from the host: ${systemLibraries.map((l) => `${l.name}${l.declared ? "" : " (undeclared)"}`).join(", ")}` : "; needs nothing from the host but glibc") + (unused.length ? `; declared but not needed: ${unused.join(", ")}` : "");
  return { check: checkResult("linkage", findings, { summary }), glibcFloor: floor, systemLibraries };
}

// src/core/verify/root-fs.ts
import { lstat as lstat4, mkdir as mkdir4, open as open3, readFile as readFile6, readlink as readlink2, stat as stat5 } from "node:fs/promises";
import { posix as posix7, resolve as resolve3 } from "node:path";
var LIBC_DIRS = [
  "lib/x86_64-linux-gnu",
  "usr/lib/x86_64-linux-gnu",
  "lib64",
  "usr/lib64",
  "lib",
  "usr/lib",
  "lib/aarch64-linux-gnu",
  "usr/lib/aarch64-linux-gnu"
];
async function resolveInRoot(root, rel) {
  let parts = posix7.normalize(`/${rel}`).split("/").filter(Boolean);
  const done = [];
  for (let hops = 0; parts.length > 0; ) {
    const name = parts.shift();
    if (name === "..") {
      done.pop();
      continue;
    }
    const host = resolve3(root, ...done, name);
    const st = await lstat4(host).catch(() => void 0);
    if (!st) return void 0;
    if (st.isSymbolicLink()) {
      if (++hops > 40) return void 0;
      const target = await readlink2(host);
      if (target.startsWith("/")) done.length = 0;
      parts = [...target.split("/").filter(Boolean), ...parts];
      continue;
    }
    done.push(name);
  }
  return resolve3(root, ...done);
}
async function glibcOfRoot(root) {
  for (const d of LIBC_DIRS) {
    const libc = await resolveInRoot(root, `${d}/libc.so.6`);
    if (!libc || !(await stat5(libc).catch(() => void 0))?.isFile()) continue;
    const text = (await readFile6(libc)).toString("latin1");
    const m = /release version (\d+\.\d+)/.exec(text);
    return { found: true, version: m ? m[1] : null };
  }
  return { found: false, version: null };
}
async function isTarball(file) {
  const fh = await open3(file, "r");
  try {
    const buf = Buffer.alloc(265);
    const { bytesRead } = await fh.read(buf, 0, 265, 0);
    if (bytesRead >= 2 && buf[0] === 31 && buf[1] === 139) return true;
    return bytesRead >= 262 && buf.toString("latin1", 257, 262) === "ustar";
  } finally {
    await fh.close();
  }
}
function hostileMember(name) {
  if (name.startsWith("/")) return "an absolute member name";
  if (name.split("/").includes("..")) return "a member name with a '..' component";
  return void 0;
}
async function extractRootTarball(file, dest) {
  const env = scrubbedEnv();
  const list = await run("tar", ["-tf", file], { env, timeoutMs: 10 * 6e4 });
  if (list.exitCode !== 0)
    throw new UsageError(
      `--root ${file} is not a readable tar archive: ${tail(list.stderr, 4)}`,
      "pass a root filesystem as a directory, or as a .tar/.tar.gz (e.g. `docker export CONTAINER > root.tar`)"
    );
  for (const name of list.stdout.split("\n")) {
    const why = name ? hostileMember(name) : void 0;
    if (why)
      throw new UsageError(
        `--root ${file} is refused: it holds ${why} (${JSON.stringify(name)}), which would write outside the root`,
        "make the tarball from inside the root (`tar -C ROOT -cf root.tar .`, or `docker export`); never extract such an archive"
      );
  }
  await mkdir4(dest, { recursive: true, mode: 493 });
  const x = await run(
    "tar",
    ["-xf", file, "-C", dest, "--numeric-owner", "--no-same-owner", "--exclude=dev/*", "--exclude=./dev/*"],
    { env, timeoutMs: 20 * 6e4 }
  );
  if (x.exitCode !== 0)
    throw new UsageError(
      `--root ${file}: tar refused or failed to extract it: ${tail(x.stderr, 6)}`,
      "the tarball is damaged or hostile: make it again from the production image (`docker export`)"
    );
}
var hint = "pass the production base image as a root filesystem: a directory, or a .tar/.tar.gz (`docker export CONTAINER > root.tar`)";
async function statRoot(given) {
  try {
    return await stat5(resolve3(given));
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new UsageError(`--root ${given} does not exist`, hint);
    throw new UsageError(`--root ${given} cannot be read (${code ?? err.message})`, hint);
  }
}
async function openRoot(given, work) {
  const path6 = resolve3(given);
  const st = await statRoot(given);
  let opened;
  if (st.isDirectory()) {
    opened = { given, kind: "directory", sha256: null, dir: path6, owned: false };
  } else if (st.isFile()) {
    if (!await isTarball(path6))
      throw new UsageError(`--root ${given} is neither a directory nor a tar archive`, hint);
    const { sha256 } = await sha256OfFile(path6);
    const dir = resolve3(work, "rootfs");
    await extractRootTarball(path6, dir);
    opened = { given, kind: "tarball", sha256, dir, owned: true };
  } else {
    throw new UsageError(`--root ${given} is neither a directory nor a file`, hint);
  }
  const etc = await resolveInRoot(opened.dir, "etc");
  const libc = await glibcOfRoot(opened.dir);
  if (!etc || !(await stat5(etc)).isDirectory() || !libc.found) {
    throw new UsageError(
      `--root ${given} is not a root filesystem: ${!etc ? "it has no etc/" : `no libc.so.6 in ${LIBC_DIRS.join(", ")}`}`,
      hint
    );
  }
  return { ...opened, glibc: libc.version };
}

// src/core/verify/verify-root.ts
import { mkdir as mkdir5, mkdtemp as mkdtemp3, rm as rm5, writeFile } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { basename as basename4, join as join12, resolve as resolve4 } from "node:path";

// src/core/verify/verify-smoke.ts
import { mkdtemp as mkdtemp2, rm as rm4 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join11 } from "node:path";
var SMOKE_PROBE = `
import importlib, json, os, sys
root = os.path.realpath(sys.argv[1])
if sys.argv[2]:
    sys.path.insert(0, sys.argv[2])
results = []
for name in sys.argv[3:]:
    try:
        importlib.import_module(name)
        results.append([name, None])
    except BaseException as e:
        results.append([name, '%s: %s' % (type(e).__name__, e)])
outside = []
for name, mod in sorted(sys.modules.items()):
    f = getattr(mod, '__file__', None)
    if not f:
        continue
    real = os.path.realpath(f)
    if real != root and not real.startswith(root + os.sep):
        outside.append([name, real])
sys.stdout.write('PYHERMETIC-SMOKE ' + json.dumps({'results': results, 'outside': outside}) + '\\n')
`;
function parseProbeOutput(stdout) {
  const line = stdout.split("\n").find((l) => l.startsWith("PYHERMETIC-SMOKE "));
  return line ? JSON.parse(line.slice("PYHERMETIC-SMOKE ".length)) : void 0;
}
function smokeFindings(doc, where) {
  const findings = [];
  for (const [name, error2] of doc.results) {
    if (error2 !== null) {
      findings.push({
        path: name,
        message: `import fails ${where}: ${error2}`,
        fix: "the module depends on something the tested env had and the package lacks (an absolute path, a file outside the env, an environment variable, a host library): make it self-contained, then recreate, test and pack"
      });
    }
  }
  for (const [name, file] of doc.outside) {
    findings.push({
      path: name,
      message: `imported from ${file}, outside the extracted package: it only works where that path exists (the tested env, a source checkout)`,
      fix: "install the module into the env from the lock (no editable installs, no .pth with absolute paths), then recreate, test and pack"
    });
  }
  return findings;
}
async function smokeCheck(input) {
  if (input.modules.length === 0)
    return checkResult("smoke", [], { summary: "no modules to import (no extension modules, no --smoke)" });
  const work = await mkdtemp2(join11(tmpdir(), "pyhermetic-smoke-"));
  const root = join11(work, "package");
  try {
    await extractTarGz(input.artifact, root);
    const python = join11(root, input.manifest.env.interpreter.python);
    const appDir = input.manifest.app ? join11(root, input.manifest.app) : "";
    const r = await run("env", ["-i", python, "-I", "-c", SMOKE_PROBE, root, appDir, ...input.modules], {
      cwd: work,
      env: scrubbedEnv(),
      timeoutMs: input.timeoutMs ?? 5 * 6e4
    });
    const doc = parseProbeOutput(r.stdout);
    if (!doc) {
      const why = r.timedOut ? "timed out" : r.spawnError ?? `exited ${r.exitCode ?? r.signal}`;
      return checkResult("smoke", [
        {
          path: input.manifest.env.interpreter.python,
          message: `the package's python did not run the import test (${why}): ${tail(r.stderr || r.stdout, 8)}`,
          fix: "run the package's bin/python from an extracted copy by hand to see why it does not start (missing host library? wrong architecture?)"
        }
      ]);
    }
    const findings = smokeFindings(doc, "in the package extracted to a fresh directory (env -i)");
    const ok2 = doc.results.filter(([, e]) => e === null).length;
    const names = input.modules.length <= 12 ? input.modules.join(", ") : `${input.modules.slice(0, 12).join(", ")}, … (${input.modules.length - 12} more)`;
    return checkResult("smoke", findings, {
      summary: `${ok2}/${doc.results.length} modules imported with env -i from a copy at another path: ${names}`
    });
  } finally {
    await rm4(work, { recursive: true, force: true });
  }
}

// src/core/verify/verify-root.ts
var SCRIPT = String.raw`
set -eu
mode=$1 lower=$2 work=$3 pkg=$4 deploy=$5 loader=$6 python=$7 list=$8 chroot=$9
shift 9
bwrap=$1 probe=$2 app=$3
shift 3
r="$work/merged"
mkdir -p "$r"
if [ "$mode" = chroot ]; then
  mount -t tmpfs -o mode=0755 pyhermetic "$work/t"
  mkdir "$work/t/upper" "$work/t/work"
  if ! mount -t overlay overlay -o "lowerdir=$lower,upperdir=$work/t/upper,workdir=$work/t/work" "$r" 2>/dev/null; then
    cp -a "$lower/." "$work/copy/"
    mount --bind "$work/copy" "$r"
  fi
  mkdir -p "$r$deploy" "$r/dev" "$r/proc" "$r/tmp"
  mount --bind "$pkg" "$r$deploy"
  for d in null zero full random urandom tty; do
    [ -e "$r/dev/$d" ] || touch "$r/dev/$d" 2>/dev/null || true
    mount --bind "/dev/$d" "$r/dev/$d" 2>/dev/null || true
  done
  mount -t proc proc "$r/proc" 2>/dev/null || true
  mount -t tmpfs tmpfs "$r/tmp"
else
  if [ "$lower" != "$work/rootfs" ]; then cp -a "$lower/." "$work/copy/"; r="$work/copy"; else r="$lower"; fi
  mkdir -p "$r$deploy" "$r/tmp"
fi
enter() {
  if [ "$mode" = chroot ]; then env -i "$chroot" "$r" "$@"
  else env -i "$bwrap" --bind "$r" / --bind "$pkg" "$deploy" --dev /dev --proc /proc --tmpfs /tmp \
    --unshare-all --die-with-parent --clearenv "$@"
  fi
}
while IFS= read -r f; do
  echo "@@FILE $f"
  enter "$loader" --list "$deploy/$f" 2>&1 || echo "@@EXIT $?"
done < "$list"
echo "@@PYTHON"
enter "$deploy/$python" -I -c "$probe" "$deploy" "$app" "$@" 2>&1 || echo "@@EXIT $?"
`;
async function which(name) {
  const r = await run("sh", ["-c", 'command -v "$1"', "sh", name], {
    env: scrubbedEnv({ PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" })
  });
  const p = r.stdout.trim();
  return r.exitCode === 0 && p.startsWith("/") ? p : void 0;
}
var GLIBC_LINE = /version `(GLIBC_[0-9.]+)' not found/;
var MISSING_LINE = /(?:^\s*(\S+) => not found|error while loading shared libraries: ([^:]+): cannot open shared object file)/;
function loaderFinding(path6, line, where, rootGlibc) {
  const glibc = GLIBC_LINE.exec(line);
  if (glibc)
    return {
      path: path6,
      message: `in ${where}: ${line.trim()}`,
      fix: `the root's glibc is ${rootGlibc ?? "older"}: use an interpreter built in a build root no newer than it and wheels of an older manylinux tag (verify --glibc-max ${rootGlibc ?? "X.Y"} finds every file), or deploy on a base image with ${glibc[1]}`
    };
  const m = MISSING_LINE.exec(line);
  const lib = m?.[1] ?? m?.[2] ?? "the library";
  return {
    path: path6,
    message: `in ${where}: ${line.trim()}`,
    fix: `install ${lib} in the production image (and declare it with --allow-system-lib ${lib}), or use an interpreter or wheel that bundles it`
  };
}
function splitSections(out2) {
  const files = /* @__PURE__ */ new Map();
  const python = [];
  let current;
  for (const line of out2.split("\n")) {
    if (line.startsWith("@@FILE ")) {
      current = [];
      files.set(line.slice("@@FILE ".length), current);
    } else if (line === "@@PYTHON") current = python;
    else current?.push(line);
  }
  return { files, python };
}
async function rootCheck(input) {
  const work = await mkdtemp3(join12(tmpdir2(), "pyhermetic-root-"));
  try {
    const opened = await openRoot(input.root, work);
    const privileged = process.getuid?.() === 0;
    const mode = privileged ? "chroot" : "bwrap";
    const tools = privileged ? ["unshare", "chroot"] : ["bwrap"];
    const found = await Promise.all(tools.map(which));
    const missingTool = tools.find((_, i2) => !found[i2]);
    if (missingTool)
      throw new EnvironmentError(
        `verify --root needs ${missingTool}, which is not installed`,
        privileged ? "install util-linux and coreutils" : "install bubblewrap (Debian package bubblewrap)"
      );
    const [chroot, bwrap] = privileged ? [found[1], ""] : ["", found[0]];
    const pkg = join12(work, "package");
    await extractTarGz(input.artifact, pkg);
    await Promise.all([mkdir5(join12(work, "t")), mkdir5(join12(work, "copy"))]);
    const list = join12(work, "elf-files.txt");
    const files = input.elfFiles.filter((f) => !/[\n\r]/.test(f));
    await writeFile(list, files.map((f) => `${f}
`).join(""));
    const python = input.manifest.env.interpreter.python;
    const app = input.manifest.app ? `${input.deployPath}/${input.manifest.app}` : "";
    const args = [mode, opened.dir, work, pkg, input.deployPath, input.loader, python, list, chroot, bwrap];
    const scriptArgs = [...args, SMOKE_PROBE, app, ...input.modules];
    const r = privileged ? await run("unshare", ["-m", "--propagation", "private", "sh", "-c", SCRIPT, "sh", ...scriptArgs], {
      env: scrubbedEnv(),
      cwd: work,
      timeoutMs: input.timeoutMs ?? 10 * 6e4
    }) : await run("sh", ["-c", SCRIPT, "sh", ...scriptArgs], {
      env: scrubbedEnv(),
      cwd: work,
      timeoutMs: input.timeoutMs ?? 10 * 6e4
    });
    const sections = splitSections(r.stdout);
    if (r.exitCode !== 0 || !sections.python.length)
      throw new EnvironmentError(
        `could not enter the root ${input.root} (${r.timedOut ? "timed out" : `${mode} exited ${r.exitCode ?? r.signal}`}): ${tail(r.stderr || r.stdout, 8)}`,
        privileged ? "verify --root needs mount namespaces (unshare -m) and overlayfs or enough disk for a copy of the root" : "bubblewrap needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)"
      );
    const where = `the root ${basename4(resolve4(input.root))} at ${input.deployPath}`;
    const findings = [];
    let loaderMissing = false;
    for (const [f, lines] of sections.files) {
      if (loaderMissing) break;
      const seen = /* @__PURE__ */ new Set();
      for (const line of lines) {
        if (/failed to run command|execvp/.test(line) && line.includes(input.loader)) {
          loaderMissing = true;
          findings.push({
            path: input.loader,
            message: `in ${where}: the root has no ${input.loader}, the dynamic loader the package's executables name: ${line.trim()}`,
            fix: "deploy on a glibc-based image of the same architecture (the package needs glibc)"
          });
          break;
        }
        if (!GLIBC_LINE.test(line) && !MISSING_LINE.test(line)) continue;
        const lib = MISSING_LINE.exec(line);
        if (lib && input.shippedLibpython.includes(lib[1] ?? lib[2] ?? "")) continue;
        if (seen.has(line.trim())) continue;
        seen.add(line.trim());
        findings.push(loaderFinding(`${input.deployPath}/${f}`, line, where, opened.glibc));
      }
    }
    const probe = parseProbeOutput(sections.python.join("\n"));
    let summary;
    if (!probe) {
      const pythonPath = `${input.deployPath}/${python}`;
      if (!findings.some((f) => f.path === pythonPath)) {
        findings.push({
          path: pythonPath,
          message: `the package's python does not start in ${where} (env -i): ${tail(sections.python.filter((l) => !l.startsWith("@@")).join("\n"), 6)}`,
          fix: "run it by hand: extract the package into a copy of the root and `chroot COPY env -i DEPLOY/bin/python3 -c 1`"
        });
      }
      summary = `the package's python did not start in ${where}`;
    } else {
      findings.push(...smokeFindings(probe, `in ${where} (env -i)`));
      const ok2 = probe.results.filter(([, e]) => e === null).length;
      summary = `${ok2}/${probe.results.length} modules imported in ${where} with env -i`;
    }
    summary += `; ${files.length} ELF files listed by the root's loader; root glibc ${opened.glibc ?? "unknown"}; entered with ${mode === "chroot" ? "unshare -m + chroot" : "bwrap"}`;
    const check = checkResult(input.checkName, findings, { summary });
    return {
      check,
      run: {
        root: input.root,
        kind: opened.kind,
        sha256: opened.sha256,
        deployPath: input.deployPath,
        sandbox: mode === "chroot" ? "unshare -m + chroot" : "bwrap",
        glibc: opened.glibc,
        ok: check.ok,
        findings: findings.length,
        check: input.checkName
      }
    };
  } finally {
    await rm5(work, { recursive: true, force: true });
  }
}

// src/core/verify/verify.ts
var MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
var DEPLOY_PATH_RE = /^(\/[A-Za-z0-9._+@-]+)+$/;
function packageName(artifact) {
  return basename5(artifact).replace(/\.(tar\.gz|tgz)$/, "");
}
function validateVerifyOptions(opts) {
  const glibc = opts.glibcMax === void 0 ? void 0 : parseGlibcVersion(opts.glibcMax);
  if (opts.glibcMax !== void 0 && !glibc)
    throw new UsageError(
      `--glibc-max '${opts.glibcMax}' is not a glibc version`,
      "write it like 2.17 (the manylinux2014 floor) or 2.31 (Debian 11); without it, the interpreter's own floor applies"
    );
  for (const lib of opts.allowSystemLibs ?? []) {
    if (!SONAME_RE.test(lib))
      throw new UsageError(
        `--allow-system-lib '${lib}' is not a library name`,
        "name a library as DT_NEEDED names it (readelf -d): e.g. --allow-system-lib libssl.so.3"
      );
  }
  const deployPath = opts.deployPath ?? `/opt/${packageName(opts.artifact)}`;
  if (!DEPLOY_PATH_RE.test(deployPath) || posix8.normalize(deployPath) !== deployPath || deployPath.split("/").includes(".."))
    throw new UsageError(
      `--deploy-path '${deployPath}' is not an absolute, normal path`,
      "write where the package is extracted on the production host, e.g. --deploy-path /opt/demo-app"
    );
  for (const m of opts.smoke) {
    if (!MODULE_NAME.test(m))
      throw new UsageError(
        `--smoke '${m}' is not a module name`,
        "name an importable module, e.g. --smoke markupsafe._speedups"
      );
  }
  return { ...opts, glibcMax: glibc, deployPath };
}
async function timed(timings, name, fn) {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round(performance.now() - t0);
  }
}
async function verifyPackage(optsIn) {
  const opts = validateVerifyOptions(optsIn);
  const artifact = resolve5(opts.artifact);
  const testedDir = resolve5(opts.tested);
  const st = await stat6(artifact).catch(() => void 0);
  if (!st?.isFile())
    throw new UsageError(`--artifact ${artifact} is not a file`, "pass the package that `pyhermetic pack --out` wrote");
  const tested = await readEnvManifest(testedDir);
  for (const root of opts.roots ?? []) await statRoot(root);
  if (opts.app !== void 0 && !(await stat6(opts.app).catch(() => void 0))?.isDirectory()) {
    throw new UsageError(
      `--app ${opts.app} is not a directory`,
      "pass the app tree the tests ran on (the one given to pack --app)"
    );
  }
  const timings = {};
  const started = performance.now();
  const [pkg, testedRecords, appRecords, artifactSha256] = await Promise.all([
    timed(timings, "read package", () => readPackage(artifact)),
    timed(timings, "hash tested env", () => hashTree(testedDir, ENV_TREE_OPTIONS)),
    opts.app === void 0 ? Promise.resolve(void 0) : hashTree(resolve5(opts.app), APP_TREE_OPTIONS).then(
      (rs) => rs.map((r) => ({ ...r, path: `${APP_DIR}/${r.path}` }))
    ),
    sha256File(artifact)
  ]);
  const checks = [];
  const t0 = performance.now();
  const interpreter = interpreterCheck(pkg, tested, testedDir);
  checks.push(interpreter);
  checks.push(distributionsCheck(pkg, tested));
  checks.push(
    filesCheck({
      pkg,
      testedDir,
      tested: testedRecords,
      app: appRecords,
      skipInterpreterFiles: interpreter.ok ? void 0 : distributionPaths(tested, pkg.manifest.env)
    })
  );
  const linkage = linkageCheck(pkg, opts.glibcMax, opts.allowSystemLibs ?? []);
  checks.push(linkage.check);
  timings.checks = Math.round(performance.now() - t0);
  const modules = [
    .../* @__PURE__ */ new Set([...opts.smoke, ...opts.smokeDefaults ? topLevelExtensionModules(pkg.records.keys()) : []])
  ];
  if (opts.skipSmoke) checks.push(skippedCheck("smoke", "skipped with --no-smoke"));
  else checks.push(await timed(timings, "smoke", () => smokeCheck({ artifact, manifest: pkg.manifest, modules })));
  const roots = [];
  for (const [i2, root] of (opts.roots ?? []).entries()) {
    const name = basename5(resolve5(root));
    const clash = (opts.roots ?? []).some((r2, j) => j !== i2 && basename5(resolve5(r2)) === name);
    const r = await timed(
      timings,
      `root ${i2 + 1}`,
      () => rootCheck({
        root,
        checkName: `root: ${clash ? `${name} (${i2 + 1})` : name}`,
        artifact,
        manifest: pkg.manifest,
        modules,
        deployPath: opts.deployPath,
        ...loadableFiles(pkg)
      })
    );
    checks.push(r.check);
    roots.push(r.run);
  }
  timings.total = Math.round(performance.now() - started);
  const env = pkg.manifest.env;
  return makeReport({
    title: "pyhermetic verify",
    checks,
    artifact: {
      path: artifact,
      sha256: artifactSha256,
      size: st.size,
      files: pkg.records.size,
      interpreterFingerprint: env.interpreter.fingerprint,
      interpreterArtifactSha256: env.interpreter.artifactSha256,
      python: `${env.interpreter.version} (${env.interpreter.shared ? "shared" : "static"})`,
      app: pkg.manifest.app,
      pycPolicy: pkg.manifest.pycPolicy
    },
    tested: {
      path: testedDir,
      files: testedRecords.length,
      app: opts.app ? resolve5(opts.app) : null,
      interpreterFingerprint: tested.interpreter.fingerprint,
      interpreterArtifactSha256: tested.interpreter.artifactSha256,
      lockSha256: tested.lock?.sha256 ?? null,
      distributions: tested.distributions.length
    },
    timings,
    whereItRuns: { glibcFloor: linkage.glibcFloor, systemLibraries: linkage.systemLibraries, roots }
  });
}
function loadableFiles(pkg) {
  const elfFiles = [];
  for (const [path6, info2] of pkg.elf)
    if (!("error" in info2) && (info2.type === "dyn" || info2.type === "exec")) elfFiles.push(path6);
  const py = pkg.elf.get(pkg.manifest.env.interpreter.python);
  const loader = py && !("error" in py) && py.interpreter ? py.interpreter : "/lib64/ld-linux-x86-64.so.2";
  const shippedLibpython = elfFiles.map((p) => p.slice(p.lastIndexOf("/") + 1)).filter((n2) => isLibpython(n2));
  return { elfFiles: elfFiles.sort(), loader, shippedLibpython };
}

// src/pipeline/pipeline-config.ts
var KEYS = [
  "name",
  "spec",
  "requirements",
  "lock",
  "indexUrls",
  "allowSource",
  "app",
  "test",
  "smoke",
  "glibcMax",
  "systemLibraries",
  "productionRoot",
  "deployPath",
  "store",
  "cacheRoot",
  "remote"
];
var REQUIRED = ["spec", "lock", "indexUrls"];
var CONFIG_EXAMPLE = `{
  "spec": "python.json",
  "requirements": "requirements.in",
  "lock": "requirements.lock",
  "indexUrls": ["file:///opt/pypi/simple"],
  "allowSource": [],
  "app": ".",
  "test": {"command": ["python", "-m", "pytest", "-q"]},
  "smoke": ["demo_app"],
  "glibcMax": null,
  "systemLibraries": [],
  "productionRoot": "debian11-root.tar",
  "deployPath": "/opt/demo-app",
  "store": null,
  "cacheRoot": null,
  "remote": null
}`;
var NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
var GLIBC_RE = /^\d+\.\d+$/;
var PROJECT_RE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
function fail(file, field, problem) {
  throw new UsageError(`${file}: "${field}" ${problem}`, `fix the field; a complete example:
${CONFIG_EXAMPLE}`);
}
function typeName(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}
function str(file, field, v) {
  if (typeof v !== "string" || v.length === 0) fail(file, field, `must be a non-empty string, got ${typeName(v)}`);
  if (v.includes("\0")) fail(file, field, "must not contain a NUL byte");
  return v;
}
function strList(file, field, v, opts = {}) {
  if (!Array.isArray(v)) fail(file, field, `must be an array of strings, got ${typeName(v)}`);
  if (opts.nonEmpty && v.length === 0) fail(file, field, "must not be empty");
  return v.map((item, i2) => {
    const s = str(file, `${field}[${i2}]`, item);
    if (opts.pattern && !opts.pattern.test(s))
      fail(file, `${field}[${i2}]`, `is not ${opts.what ?? "valid"}: ${JSON.stringify(s)}`);
    return s;
  });
}
function pathOrNull(file, field, v, baseDir) {
  if (v === void 0 || v === null) return null;
  return resolve6(baseDir, str(file, field, v));
}
function remoteOrNull(file, v) {
  if (v === void 0 || v === null) return null;
  const s = str(file, "remote", v);
  let u2;
  try {
    u2 = new URL(s);
  } catch {
    u2 = void 0;
  }
  if (!u2 || !/^((webdav|artifactory|nexus)\+)?https?:$/.test(u2.protocol))
    fail(file, "remote", "must be an http(s):// URL, or artifactory+https:// / nexus+https:// (docs/remote-store.md)");
  if (u2.username || u2.password)
    fail(file, "remote", "must not carry credentials: set PYHERMETIC_REMOTE_TOKEN or PYHERMETIC_REMOTE_USER/PASSWORD");
  return s;
}
function indexUrl(s) {
  try {
    const u2 = new URL(s);
    return ["file:", "http:", "https:"].includes(u2.protocol);
  } catch {
    return false;
  }
}
function validatePipelineConfig(doc, configPath) {
  const file = configPath;
  if (!isAbsolute2(configPath)) throw new Error(`validatePipelineConfig needs an absolute path, got ${configPath}`);
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new UsageError(
      `${file}: must hold a JSON object, got ${typeName(doc)}`,
      `a complete example:
${CONFIG_EXAMPLE}`
    );
  }
  const o2 = doc;
  const unknown = Object.keys(o2).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) {
    throw new UsageError(
      `${file}: unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}`,
      `the keys are: ${KEYS.join(", ")}`
    );
  }
  for (const k of REQUIRED) if (o2[k] === void 0) fail(file, k, "is required");
  const baseDir = dirname5(configPath);
  const at = (field, v) => resolve6(baseDir, str(file, field, v));
  const app = o2.app === void 0 ? baseDir : at("app", o2.app);
  let command = ["python", "-m", "pytest", "-q"];
  if (o2.test !== void 0) {
    const t = o2.test;
    if (typeof t !== "object" || t === null || Array.isArray(t))
      fail(file, "test", `must be an object {"command": [...]}, got ${typeName(t)}`);
    const extra = Object.keys(t).filter((k) => k !== "command");
    if (extra.length > 0) fail(file, `test.${extra[0]}`, 'is not a known key (test has only "command")');
    if (t.command === void 0) fail(file, "test.command", "is required");
    command = strList(file, "test.command", t.command, { nonEmpty: true });
  }
  const glibcMax = o2.glibcMax === void 0 || o2.glibcMax === null ? null : str(file, "glibcMax", o2.glibcMax);
  if (glibcMax !== null && !GLIBC_RE.test(glibcMax))
    fail(
      file,
      "glibcMax",
      `must look like "2.31" (or null: the interpreter's own floor), got ${JSON.stringify(glibcMax)}`
    );
  const roots = o2.productionRoot === void 0 || o2.productionRoot === null ? [] : o2.productionRoot;
  const productionRoots = (typeof roots === "string" ? [str(file, "productionRoot", roots)] : strList(file, "productionRoot", roots)).map((r) => resolve6(baseDir, r));
  const deployPath = o2.deployPath === void 0 || o2.deployPath === null ? null : str(file, "deployPath", o2.deployPath);
  if (deployPath !== null && (!DEPLOY_PATH_RE.test(deployPath) || deployPath.split("/").includes("..")))
    fail(
      file,
      "deployPath",
      `must be an absolute, normal path like "/opt/demo-app", got ${JSON.stringify(deployPath)}`
    );
  const name = o2.name === void 0 ? basename6(app) : str(file, "name", o2.name);
  if (!NAME_RE.test(name)) {
    fail(
      file,
      "name",
      `${JSON.stringify(name)} is not usable as a file name (letters, digits, . _ + -)${o2.name === void 0 ? `; it defaults to the app directory's name, set "name" explicitly` : ""}`
    );
  }
  const indexUrls = strList(file, "indexUrls", o2.indexUrls, { nonEmpty: true });
  indexUrls.forEach((u2, i2) => {
    if (!indexUrl(u2)) fail(file, `indexUrls[${i2}]`, `is not a file://, http:// or https:// URL: ${JSON.stringify(u2)}`);
  });
  return {
    configPath,
    baseDir,
    name,
    spec: at("spec", o2.spec),
    requirements: o2.requirements === void 0 ? resolve6(baseDir, "requirements.in") : at("requirements", o2.requirements),
    lock: at("lock", o2.lock),
    indexUrls,
    allowSource: o2.allowSource === void 0 ? [] : strList(file, "allowSource", o2.allowSource, { pattern: PROJECT_RE, what: "a project name" }),
    app,
    test: { command },
    smoke: o2.smoke === void 0 ? [] : strList(file, "smoke", o2.smoke, {
      pattern: /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
      what: "a module name"
    }),
    glibcMax,
    systemLibraries: o2.systemLibraries === void 0 ? [] : strList(file, "systemLibraries", o2.systemLibraries, { pattern: SONAME_RE, what: "a library name (soname)" }),
    productionRoots,
    deployPath,
    store: pathOrNull(file, "store", o2.store, baseDir),
    cacheRoot: pathOrNull(file, "cacheRoot", o2.cacheRoot, baseDir),
    remote: remoteOrNull(file, o2.remote)
  };
}
async function loadPipelineConfig(path6) {
  const configPath = resolve6(path6);
  let text;
  try {
    text = await readFile7(configPath, "utf8");
  } catch (err) {
    throw new UsageError(
      `cannot read the pipeline config ${configPath}: ${err.code ?? err.message}`,
      `pass --config pyhermetic.json; a complete example:
${CONFIG_EXAMPLE}`
    );
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      `${configPath} is not valid JSON: ${err.message}`,
      "fix the JSON syntax (no comments, no trailing commas)"
    );
  }
  return validatePipelineConfig(doc, configPath);
}

// src/pipeline/pipeline.ts
import { existsSync as existsSync2 } from "node:fs";
import { mkdir as mkdir7, readFile as readFile10, readdir as readdir7, rm as rm8, writeFile as writeFile2 } from "node:fs/promises";
import { join as join15, relative as relative2, resolve as resolve8, sep as sep3 } from "node:path";

// src/pipeline/app-snapshot.ts
import { chmod as chmod2, copyFile as copyFile3, lstat as lstat5, mkdir as mkdir6, readdir as readdir6, readlink as readlink3, rm as rm6, symlink as symlink2 } from "node:fs/promises";
import { join as join13, resolve as resolve7 } from "node:path";
var APP_EXCLUDED_DIRS = [
  ".git",
  ".hg",
  ".svn",
  "__pycache__",
  ".pytest_cache",
  ".mypy_cache",
  ".tox",
  ".venv",
  ".pyhermetic-out",
  ".pyhermetic"
];
async function copyTree(src, dest, skip) {
  const st = await lstat5(src);
  await mkdir6(dest, { mode: 493 });
  await chmod2(dest, st.mode & 4095);
  const entries = await readdir6(src, { withFileTypes: true });
  entries.sort((a2, b) => a2.name < b.name ? -1 : a2.name > b.name ? 1 : 0);
  for (const e of entries) {
    const from = join13(src, e.name);
    const to = join13(dest, e.name);
    if (skip.has(from)) continue;
    if (e.isDirectory()) {
      if (!APP_EXCLUDED_DIRS.includes(e.name)) await copyTree(from, to, skip);
    } else if (e.isSymbolicLink()) {
      await symlink2(await readlink3(from), to);
    } else if (e.isFile()) {
      if (e.name.endsWith(".pyc")) continue;
      await copyFile3(from, to);
      await chmod2(to, (await lstat5(from)).mode & 4095);
    } else {
      throw new UsageError(
        `the app holds ${from}, which is neither a file, a directory nor a symlink`,
        "remove it from the app directory (devices, sockets and FIFOs cannot be packaged)"
      );
    }
  }
}
async function snapshotApp(appDir, dest, skip = []) {
  const src = resolve7(appDir);
  await rm6(dest, { recursive: true, force: true });
  await copyTree(src, resolve7(dest), new Set([...skip, dest].map((p) => resolve7(p))));
}

// src/pipeline/pipeline-lock-check.ts
import { readFile as readFile8 } from "node:fs/promises";

// src/core/deps/lockfile.ts
var LOCK_MARKER = "# pyhermetic-lock ";
var NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
var VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;
function fail2(source, line, text, why) {
  throw new UsageError(
    `${source}:${line}: ${why}: '${text.trim()}'`,
    "every lock line must be `name==version --hash=sha256:<64 hex>`; regenerate the file with `pyhermetic lock`"
  );
}
function parseHeaderLine(header, body) {
  const eq = body.indexOf("=");
  if (eq <= 0) return;
  const key2 = body.slice(0, eq).trim();
  const value2 = body.slice(eq + 1).trim();
  if (key2 === "fingerprint") header.fingerprint = value2;
  else if (key2 === "python") header.python = value2;
  else if (key2 === "index-url") header.indexUrls.push(value2);
  else if (key2 === "allow-source") header.allowSource.push(value2);
}
function parseLock(text, source = "requirements.lock") {
  const header = { indexUrls: [], allowSource: [] };
  const entries = [];
  const lines = text.split("\n");
  const seen = /* @__PURE__ */ new Map();
  for (let i2 = 0; i2 < lines.length; i2++) {
    const lineNo = i2 + 1;
    let logical = lines[i2].replace(/\r$/, "");
    if (logical.startsWith(LOCK_MARKER)) {
      parseHeaderLine(header, logical.slice(LOCK_MARKER.length));
      continue;
    }
    while (/\\\s*$/.test(logical) && i2 + 1 < lines.length) {
      logical = logical.replace(/\\\s*$/, " ") + lines[++i2].replace(/\r$/, "");
    }
    const hashAt = logical.search(/(^|\s)#/);
    const content = (hashAt === -1 ? logical : logical.slice(0, hashAt)).trim();
    if (content === "") continue;
    const words = content.split(/\s+/);
    const pin = /^([^=<>!~\s;[]+)==([^=\s;]+)$/.exec(words[0]);
    if (!pin) fail2(source, lineNo, content, "not an exact pin (name==version)");
    const [, name, version] = pin;
    if (!NAME.test(name) || !VERSION.test(version)) fail2(source, lineNo, content, "not a valid name==version");
    const hashes = [];
    for (const w of words.slice(1)) {
      const m = /^--hash[=:]sha256:([0-9a-fA-F]{64})$/.exec(w);
      if (!m) fail2(source, lineNo, content, `unexpected '${w}' (only --hash=sha256:<64 hex> may follow the pin)`);
      hashes.push(m[1].toLowerCase());
    }
    if (hashes.length === 0) fail2(source, lineNo, content, `no --hash for ${name}==${version}`);
    const key2 = normalizeName(name);
    const earlier = seen.get(key2);
    if (earlier !== void 0) fail2(source, lineNo, content, `${name} is pinned twice (also on line ${earlier})`);
    seen.set(key2, lineNo);
    entries.push({ name, version, hashes: [...new Set(hashes)], line: lineNo });
  }
  return { header, entries };
}
function formatLock(lock) {
  const h2 = lock.header;
  const head = [`${LOCK_MARKER}version=1`];
  if (h2.fingerprint) head.push(`${LOCK_MARKER}fingerprint=${h2.fingerprint}`);
  if (h2.python) head.push(`${LOCK_MARKER}python=${h2.python}`);
  for (const url of h2.indexUrls) head.push(`${LOCK_MARKER}index-url=${url}`);
  for (const name of [...new Set(h2.allowSource.map(normalizeName))].sort())
    head.push(`${LOCK_MARKER}allow-source=${name}`);
  head.push("# Generated by `pyhermetic lock`; install with `pyhermetic env create --lock`. Do not edit by hand.");
  const body = [...lock.entries].sort(
    (a2, b) => normalizeName(a2.name) < normalizeName(b.name) ? -1 : normalizeName(a2.name) > normalizeName(b.name) ? 1 : 0
  ).map(
    (e) => `${normalizeName(e.name)}==${e.version} ${[...e.hashes].sort().map((x) => `--hash=sha256:${x}`).join(" ")}`
  );
  return `${[...head, ...body].join("\n")}
`;
}
function pipRequirements(entries) {
  return formatLock({ header: { indexUrls: [], allowSource: [] }, entries });
}

// src/pipeline/pipeline-lock-check.ts
async function checkLockForInterpreter(lockPath, fingerprint, relockCommand) {
  const remake = `run \`pyhermetic lock\` for this interpreter and commit the result:
  ${relockCommand}`;
  let text;
  try {
    text = await readFile8(lockPath, "utf8");
  } catch (err) {
    throw new UsageError(
      `the lock ${lockPath} cannot be read (${err.code ?? err.message})`,
      remake
    );
  }
  let lock;
  try {
    lock = parseLock(text, lockPath);
  } catch (err) {
    throw new UsageError(err.message, remake);
  }
  if (lock.entries.length === 0) throw new UsageError(`the lock ${lockPath} pins nothing`, remake);
  if (!lock.header.fingerprint) {
    throw new UsageError(
      `the lock ${lockPath} has no '# pyhermetic-lock fingerprint=' header, so nothing says which interpreter it was made for`,
      remake
    );
  }
  if (lock.header.fingerprint !== fingerprint) {
    throw new UsageError(
      `the lock ${lockPath} was made for interpreter ${lock.header.fingerprint.slice(0, 16)}…, not for this pipeline's interpreter ${fingerprint.slice(0, 16)}…`,
      remake
    );
  }
  return lock;
}

// src/pipeline/pipeline-test-stage.ts
import { existsSync } from "node:fs";
import { readFile as readFile9, rm as rm7 } from "node:fs/promises";
import { basename as basename7, join as join14 } from "node:path";

// src/pipeline/junit-read.ts
function unescapeXml(s) {
  return s.replace(
    /&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g,
    (_m, name, dec, hex) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[name];
    }
  );
}
function attr(tag, name) {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : void 0;
}
function parseJunit(xml2) {
  const summary = { tests: 0, failures: 0, errors: 0, skipped: 0, failed: [] };
  const caseRe = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = caseRe.exec(xml2); m; m = caseRe.exec(xml2)) {
    summary.tests++;
    const open5 = `<testcase${m[1]}>`;
    const body = m[3] ?? "";
    const id = [attr(open5, "classname"), attr(open5, "name")].filter(Boolean).join("::") || "(unnamed test)";
    const problem = /<(failure|error)\b([^>]*)>?/.exec(body);
    if (problem) {
      const kind = problem[1];
      if (kind === "failure") summary.failures++;
      else summary.errors++;
      summary.failed.push({ id, kind, message: (attr(`<x${problem[2]}>`, "message") ?? "").split("\n")[0] });
    } else if (/<skipped\b/.test(body)) {
      summary.skipped++;
    }
  }
  return summary;
}

// src/pipeline/pipeline-stage-error.ts
var StageError = class extends PyhermeticError {
  findings;
  constructor(message, exitCode, findings, hint2) {
    super(message, exitCode, hint2);
    this.findings = findings;
  }
};

// src/shared/shell-quote.ts
function quoteWord(word) {
  if (word.includes("\0")) {
    throw new Error(`a shell word cannot contain a NUL byte: ${JSON.stringify(word)}`);
  }
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
function shellQuote(words) {
  return words.map(quoteWord).join(" ");
}

// src/pipeline/pipeline-test-stage.ts
function runsPytest(command) {
  const m = command.indexOf("-m");
  return m !== -1 && command[m + 1] === "pytest" || ["pytest", "py.test"].includes(basename7(command[0]));
}
function testArgv(input) {
  const [first, ...rest] = input.command;
  let program = first;
  if (first === "python" || first === "python3") program = join14(input.envDir, input.python ?? "bin/python3");
  else if (!first.includes("/") && existsSync(join14(input.envDir, "bin", first)))
    program = join14(input.envDir, "bin", first);
  const extra = runsPytest(input.command) ? ["-p", "no:cacheprovider", `--junitxml=${input.junitPath}`] : [];
  return [program, ...rest, ...extra];
}
async function runTestStage(input) {
  const argv = testArgv(input);
  const line = `cd ${shellQuote([input.cwd])} && ${shellQuote(argv)}`;
  process.stderr.write(`pyhermetic:    $ ${line}
`);
  await rm7(input.junitPath, { force: true });
  const r = await run(argv[0], argv.slice(1), {
    cwd: input.cwd,
    stream: true,
    env: scrubbedEnv({
      PATH: `${join14(input.envDir, "bin")}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      // The tests must not change the env that verify compares the package with, nor the app tree.
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONNOUSERSITE: "1"
    })
  });
  if (r.spawnError) {
    throw new UsageError(
      `the test command cannot be started: ${r.spawnError}`,
      `check "test.command" in the config: ${shellQuote(input.command)} (\`python\` means the test env's python)`
    );
  }
  const junit = existsSync(input.junitPath) ? parseJunit(await readFile9(input.junitPath, "utf8")) : void 0;
  const counts = junit ? `${junit.tests} tests, ${junit.failures} failed, ${junit.errors} errors, ${junit.skipped} skipped` : void 0;
  if (r.exitCode === 0) return { summary: counts ?? "the test command exited 0", command: argv, cwd: input.cwd };
  const fix = `run the tests in the tested env by hand: ${line}`;
  const findings = junit && junit.failed.length > 0 ? junit.failed.map((t) => ({ path: t.id, message: `${t.kind}: ${t.message}`, fix })) : [
    {
      path: "test.command",
      message: `${r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}`}: ${tail(r.stdout + r.stderr, 6)}`,
      fix
    }
  ];
  throw new StageError(
    `test: the test command failed (${r.signal ?? `exit ${r.exitCode}`})${counts ? `: ${counts}` : ""}`,
    EXIT_FINDINGS,
    findings,
    fix
  );
}

// src/pipeline/pipeline-rerun.ts
function rerunScriptText(s) {
  const lines = [
    "#!/bin/sh",
    "# Re-runs this `pyhermetic pipeline` exactly as it ran. Written by pyhermetic; safe to run again.",
    `cd ${quoteWord(s.cwd)} || exit 3`
  ];
  if (s.env.PYHERMETIC_REMOTE !== void 0 || s.argv.includes("--remote"))
    lines.push(
      "# The remote store's credentials are not written here: set PYHERMETIC_REMOTE_TOKEN, or PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD (or a netrc entry) first."
    );
  for (const [k, v] of Object.entries(s.env)) lines.push(`${k}=${quoteWord(v)}; export ${k}`);
  lines.push(`exec ${shellQuote(s.argv)}`);
  const ran = (s.stages ?? []).filter((st) => st.command);
  if (ran.length > 0) {
    lines.push("", "# The stages of the last run, each re-runnable on its own (from the directory above):");
    for (const st of ran) {
      const cmd = `${st.cwd ? `cd ${quoteWord(st.cwd)} && ` : ""}${shellQuote(st.command)}`;
      lines.push(
        /[\n\r]/.test(cmd) ? `# ${st.name}: (an argument holds a newline; see the log)` : `# ${st.name}: ${cmd}`
      );
    }
  }
  return `${lines.join("\n")}
`;
}
async function writePipelineRerun(path6, s) {
  await writeFileAtomic(path6, rerunScriptText(s), 493);
}

// src/pipeline/pipeline.ts
function outputLayout(out2) {
  return {
    interpreter: join15(out2, "interpreter"),
    envTest: join15(out2, "env-test"),
    app: join15(out2, "app"),
    dist: join15(out2, "dist"),
    report: join15(out2, "report"),
    verifyReport: join15(out2, "report", "verify"),
    testsJunit: join15(out2, "report", "tests-junit.xml"),
    rerun: join15(out2, "rerun.sh"),
    marker: join15(out2, ".pyhermetic-pipeline")
  };
}
function within(child, parent) {
  const rel = relative2(parent, child);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${sep3}`);
}
async function prepareOut(config, out2) {
  for (const [what, dir] of [
    ["config directory", config.baseDir],
    ["app directory", config.app]
  ]) {
    if (within(dir, out2)) {
      throw new UsageError(
        `--out ${out2} is the ${what} or contains it; the pipeline replaces what is in --out`,
        `pass a directory of its own, e.g. --out ${join15(config.baseDir, ".pyhermetic-out")}`
      );
    }
  }
  const layout = outputLayout(out2);
  const entries = await readdir7(out2).catch(() => void 0);
  if (entries && entries.length > 0 && !existsSync2(layout.marker)) {
    throw new UsageError(
      `--out ${out2} already holds files that an earlier pipeline did not write`,
      "pass a new or empty directory (the pipeline clears env-test/, app/, dist/ and report/ in it)"
    );
  }
  await mkdir7(out2, { recursive: true });
  await writeFile2(
    layout.marker,
    "This directory is the output of `pyhermetic pipeline`; it replaces env-test/, app/, dist/ and report/ on every run.\n"
  );
  for (const dir of [layout.envTest, layout.app, layout.dist, layout.report])
    await rm8(dir, { recursive: true, force: true });
  await mkdir7(layout.report, { recursive: true });
}
function errorText(stderr) {
  const lines = stderr.trimEnd().split("\n");
  const at = lines.findIndex((l) => l.startsWith("pyhermetic: error:"));
  if (at === -1) return tail(stderr, 8);
  const hint2 = [];
  for (let i2 = at + 1; i2 < lines.length && lines[i2].startsWith("  "); i2++) hint2.push(lines[i2]);
  return [lines[at].replace(/^pyhermetic: error: /, ""), ...hint2].join("\n");
}
async function readJson(path6) {
  try {
    return JSON.parse(await readFile10(path6, "utf8"));
  } catch {
    return void 0;
  }
}
async function runPipeline(opts) {
  const { config, runner } = opts;
  const out2 = resolve8(opts.outDir);
  const layout = outputLayout(out2);
  await prepareOut(config, out2);
  const packagePath = join15(layout.dist, `${config.name}.tar.gz`);
  const storeArgs = opts.store ? ["--store", opts.store] : [];
  const remoteArgs = [...opts.remote ? ["--remote", opts.remote] : [], ...opts.publish ? ["--publish"] : []];
  const cacheRoot = config.cacheRoot ?? (opts.store ? join15(opts.store, "cache") : void 0);
  const pipelineArgv = [
    runner.node,
    runner.script,
    "pipeline",
    "--config",
    config.configPath,
    "--out",
    out2,
    ...storeArgs,
    ...remoteArgs
  ];
  await writePipelineRerun(layout.rerun, { cwd: opts.cwd, argv: pipelineArgv, env: pickEnv(RERUN_ENV) });
  const childEnv = scrubbedEnv(
    pickEnv(Object.keys(process.env).filter((k) => k.startsWith("PYHERMETIC_") || k === "NO_COLOR"))
  );
  async function runner_(stage2, args) {
    const argv = [runner.script, ...args];
    const line = shellQuote([runner.node, ...argv]);
    info(`   $ ${line}`);
    const r = await run(runner.node, argv, { env: childEnv, cwd: config.baseDir, stream: true });
    if (r.exitCode === 0) return { command: [runner.node, ...argv] };
    const code = r.exitCode === 1 || r.exitCode === 2 || r.exitCode === 3 ? r.exitCode : EXIT_ENVIRONMENT;
    const why = r.spawnError ?? (r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}`);
    const text = errorText(r.stderr);
    throw new StageError(`${stage2}: \`pyhermetic ${args.slice(0, 2).join(" ")}\` failed (${why})`, code, [
      { path: stage2, message: text || why, fix: `re-run this stage by hand: ${line}` }
    ]);
  }
  let interpreter;
  let env;
  let verifyReport;
  const stages = [
    {
      name: "interpreter",
      title: `interpreter build from ${relative2(opts.cwd, config.spec) || config.spec} (or a store hit)`,
      async run() {
        const r = await runner_("interpreter", [
          "interpreter",
          "build",
          "--spec",
          config.spec,
          "--out",
          layout.interpreter,
          ...storeArgs,
          ...remoteArgs
        ]);
        interpreter = await readJson(join15(layout.interpreter, INTERPRETER_MANIFEST));
        if (!interpreter?.fingerprint)
          throw new StageError(`interpreter build wrote no ${INTERPRETER_MANIFEST}`, EXIT_ENVIRONMENT, [
            {
              path: layout.interpreter,
              message: `no readable ${INTERPRETER_MANIFEST}`,
              fix: "report this: interpreter build exited 0 without writing its manifest"
            }
          ]);
        return {
          ...r,
          summary: `CPython ${interpreter.spec.version} (${interpreter.spec.configure.shared ? "shared" : "static"}), fingerprint ${interpreter.fingerprint}`
        };
      }
    },
    {
      name: "lock-check",
      title: `lock ${relative2(opts.cwd, config.lock) || config.lock} made for this interpreter`,
      async run() {
        const fp = interpreter.fingerprint;
        const relock = shellQuote([
          runner.node,
          runner.script,
          "lock",
          "-r",
          config.requirements,
          "--interpreter",
          layout.interpreter,
          ...config.indexUrls.flatMap((u2) => ["--index-url", u2]),
          ...config.allowSource.flatMap((n2) => ["--allow-source", n2]),
          "-o",
          config.lock
        ]);
        const lock = await checkLockForInterpreter(config.lock, fp, relock);
        return { summary: `${lock.entries.length} pinned and hashed distributions, fingerprint matches` };
      }
    },
    {
      name: "env-test",
      title: "the test environment from the interpreter artifact and the lock",
      async run() {
        const r = await runner_("env-test", [
          "env",
          "create",
          "--interpreter",
          layout.interpreter,
          "--lock",
          config.lock,
          "--dest",
          layout.envTest,
          "--force",
          ...config.indexUrls.flatMap((u2) => ["--index-url", u2]),
          ...cacheRoot ? ["--cache-root", cacheRoot] : [],
          ...config.allowSource.flatMap((n3) => ["--allow-source", n3]),
          ...remoteArgs
        ]);
        env = await readJson(join15(layout.envTest, ENV_MANIFEST));
        const n2 = env?.distributions?.length;
        return { ...r, summary: n2 === void 0 ? void 0 : `${n2} distributions installed` };
      }
    },
    {
      name: "app",
      title: `snapshot of the app ${relative2(opts.cwd, config.app) || "."} into ${relative2(opts.cwd, layout.app)}`,
      async run() {
        await snapshotApp(config.app, layout.app, [out2]);
        return { summary: `copied to ${layout.app} (tested and packed from there)` };
      }
    },
    {
      name: "test",
      title: `the project's tests inside the test environment: ${shellQuote(config.test.command)}`,
      async run() {
        return runTestStage({
          command: config.test.command,
          envDir: layout.envTest,
          python: env?.interpreter.python,
          cwd: layout.app,
          junitPath: layout.testsJunit
        });
      }
    },
    {
      name: "pack",
      title: `the production package ${relative2(opts.cwd, packagePath)}`,
      async run() {
        await mkdir7(layout.dist, { recursive: true });
        const r = await runner_("pack", ["pack", "--env", layout.envTest, "--app", layout.app, "--out", packagePath]);
        return { ...r, summary: packagePath };
      }
    },
    {
      name: "verify",
      title: `parity of the package with the tested environment, and where it runs${config.productionRoots.length ? ` (in ${config.productionRoots.map((r) => relative2(opts.cwd, r)).join(", ")})` : ""}`,
      async run() {
        const args = [
          "verify",
          "--artifact",
          packagePath,
          "--tested",
          layout.envTest,
          "--report",
          layout.verifyReport,
          ...config.glibcMax ? ["--glibc-max", config.glibcMax] : [],
          ...config.systemLibraries.flatMap((l) => ["--allow-system-lib", l]),
          ...config.productionRoots.flatMap((r) => ["--root", r]),
          ...config.deployPath ? ["--deploy-path", config.deployPath] : [],
          ...config.smoke.flatMap((m) => ["--smoke", m])
        ];
        try {
          const r = await runner_("verify", args);
          verifyReport = await readJson(join15(layout.verifyReport, "report.json"));
          return { ...r, summary: verifyReport ? verdictLine(verifyReport) : void 0 };
        } catch (err) {
          verifyReport = await readJson(join15(layout.verifyReport, "report.json"));
          if (!(err instanceof StageError) || err.exitCode !== EXIT_FINDINGS || !verifyReport) throw err;
          const findings = verifyReport.checks.flatMap(
            (c3) => c3.findings.map((f) => ({ ...f, message: `[${c3.name}] ${f.message}` }))
          );
          throw new StageError(
            `verify: ${verdictLine(verifyReport)}`,
            EXIT_FINDINGS,
            findings.length > 0 ? findings : err.findings,
            `the verify report: ${join15(layout.verifyReport, "report.html")}
re-run it by hand: ${err.findings[0]?.fix.replace(/^re-run this stage by hand: /, "") ?? ""}`
          );
        }
      }
    }
  ];
  const records = [];
  const checks = [];
  let exitCode = 0;
  for (const [i2, stage2] of stages.entries()) {
    info(`== [${i2 + 1}/${stages.length}] ${stage2.name}: ${stage2.title}`);
    const started = Date.now();
    try {
      const r = await stage2.run();
      const durationMs = Date.now() - started;
      records.push({
        name: stage2.name,
        ok: true,
        exitCode: 0,
        durationMs,
        command: r.command,
        cwd: r.cwd,
        summary: r.summary
      });
      checks.push(checkResult(stage2.name, [], { summary: r.summary, durationMs }));
      info(`== ${stage2.name} (${seconds(durationMs)}): ok${r.summary ? ` (${r.summary})` : ""}`);
    } catch (err) {
      const durationMs = Date.now() - started;
      const pe = err instanceof PyhermeticError ? err : void 0;
      exitCode = pe?.exitCode ?? EXIT_ENVIRONMENT;
      const findings = err instanceof StageError ? err.findings : [
        {
          path: stage2.name,
          message: err.message,
          fix: pe?.hint ?? "an internal error: report it with the log"
        }
      ];
      if (!pe) process.stderr.write(`${err.stack ?? String(err)}
`);
      records.push({ name: stage2.name, ok: false, exitCode, durationMs, summary: err.message });
      checks.push(checkResult(stage2.name, findings, { summary: err.message, durationMs }));
      info(`== ${stage2.name} (${seconds(durationMs)}): FAILED (exit ${exitCode})`);
      error(err.message);
      if (pe?.hint) process.stderr.write(`${pe.hint.replace(/^/gm, "  ")}
`);
      break;
    }
  }
  const packed = records.some((r) => r.name === "pack" && r.ok);
  const report = makeReport({
    title: `pyhermetic pipeline: ${config.name}`,
    checks,
    artifact: packed ? { package: packagePath, interpreterFingerprint: interpreter?.fingerprint, ...verifyReport?.artifact ?? {} } : {},
    tested: env ? {
      env: layout.envTest,
      interpreterFingerprint: env.interpreter.fingerprint,
      lockSha256: env.lock.sha256,
      distributions: env.distributions.length
    } : {},
    timings: Object.fromEntries(records.map((r) => [r.name, r.durationMs])),
    whereItRuns: verifyReport?.whereItRuns
  });
  const files = await writeReports(report, layout.report);
  await writePipelineRerun(layout.rerun, {
    cwd: opts.cwd,
    argv: pipelineArgv,
    env: pickEnv(RERUN_ENV),
    stages: records
  });
  info(`${verdictLine(report)}${exitCode === 0 ? "" : ` (exit ${exitCode})`}`);
  return {
    ok: exitCode === 0 && report.ok,
    exitCode,
    out: out2,
    stages: records,
    report: { dir: layout.report, html: files.html, json: files.json, junit: files.junit, summary: files.markdown },
    package: packed ? packagePath : null,
    rerun: layout.rerun
  };
}
var RERUN_ENV = ["PYHERMETIC_HOME", "PYHERMETIC_REMOTE", "PYHERMETIC_PUBLISH"];
function pickEnv(names) {
  const picked = {};
  for (const n2 of names) if (process.env[n2] !== void 0) picked[n2] = process.env[n2];
  return picked;
}

// src/core/store/remote.ts
import { mkdtemp as mkdtemp4, readdir as readdir10, readFile as readFile14, rm as rm11 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join19 } from "node:path";
import { createHash as createHash7 } from "node:crypto";
import { Readable as Readable4 } from "node:stream";
import { createWriteStream as createWriteStream3 } from "node:fs";
import { pipeline as pipeline3 } from "node:stream/promises";

// src/shared/dead-temps.ts
import { readdir as readdir8, readFile as readFile11, rm as rm9 } from "node:fs/promises";
import { join as join16 } from "node:path";
async function ownedTempPrefix(prefix) {
  return `${prefix}${await ownerToken()}-`;
}
async function sweepDeadTemps(dir, prefix) {
  const names = await readdir8(dir).catch(() => []);
  const swept = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const dash = rest.lastIndexOf("-");
    if (dash <= 0) continue;
    if (await ownerAlive(rest.slice(0, dash))) continue;
    const removed = await rm9(join16(dir, name), { recursive: true, force: true, maxRetries: 3 }).then(
      () => true,
      () => false
    );
    if (removed) swept.push(name);
  }
  return swept;
}
async function processStartTime(pid) {
  try {
    const stat14 = await readFile11(`/proc/${pid}/stat`, "utf8");
    const afterComm = stat14.slice(stat14.lastIndexOf(")") + 2).split(" ");
    return afterComm[19];
  } catch {
    return void 0;
  }
}
var selfToken;
async function ownerToken() {
  if (!selfToken) selfToken = `${process.pid}.${await processStartTime(process.pid) ?? "0"}`;
  return selfToken;
}
async function ownerAlive(token) {
  const [pidText, start] = token.split(".");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const now = await processStartTime(pid);
  return now !== void 0 && now === start;
}

// src/core/store/remote-config.ts
import { readFile as readFile12 } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join17 } from "node:path";
var CREDENTIAL_VARIABLES = "PYHERMETIC_REMOTE_TOKEN (Bearer) or PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD (Basic), or a netrc entry for the host ($NETRC or ~/.netrc)";
var KINDS = {
  "http:": "webdav",
  "https:": "webdav",
  "webdav+http:": "webdav",
  "webdav+https:": "webdav",
  "artifactory+http:": "artifactory",
  "artifactory+https:": "artifactory",
  "nexus+http:": "nexus",
  "nexus+https:": "nexus"
};
var EXAMPLES = "e.g. https://dav.example.org/pyhermetic/, artifactory+https://art.example.org/artifactory/pyhermetic-generic/, nexus+https://nexus.example.org/repository/pyhermetic-raw/";
function redact(text) {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, "$1");
}
function parseRemote(spec) {
  let url;
  try {
    url = new URL(spec);
  } catch {
    throw new UsageError(`--remote ${redact(spec)} is not a URL`, EXAMPLES);
  }
  const kind = KINDS[url.protocol];
  if (!kind) throw new UsageError(`--remote ${redact(spec)}: unknown scheme ${url.protocol}`, EXAMPLES);
  if (url.username || url.password) {
    throw new UsageError(
      `--remote ${redact(spec)} carries credentials in the URL; they would end up in rerun.sh and the logs`,
      `remove user:password@ from the URL and set ${CREDENTIAL_VARIABLES}`
    );
  }
  if (url.search || url.hash) throw new UsageError(`--remote ${redact(spec)} must not have a ?query or #fragment`);
  const plain = url.protocol.replace(/^[a-z]+\+/, "");
  const base2 = new URL(`${plain}//${url.host}${url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`}`);
  return { kind, base: base2 };
}
function netrcEntry(text, host) {
  const words = text.split("\n").filter((l) => !l.trimStart().startsWith("#")).join(" ").split(/\s+/).filter(Boolean);
  let current;
  let match;
  let fallback;
  for (let i2 = 0; i2 < words.length; i2++) {
    const w = words[i2];
    if (w === "machine") {
      current = {};
      if (words[++i2] === host && !match) match = current;
    } else if (w === "default") {
      current = {};
      fallback ??= current;
    } else if ((w === "login" || w === "password") && current) {
      current[w] = words[++i2];
    } else if (w === "account" || w === "macdef") {
      i2++;
    }
  }
  return match ?? fallback;
}
function basic(user, password) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
async function remoteCredentials(base2, env = process.env) {
  if (env.PYHERMETIC_REMOTE_TOKEN)
    return { authorization: `Bearer ${env.PYHERMETIC_REMOTE_TOKEN}`, source: "PYHERMETIC_REMOTE_TOKEN" };
  if (env.PYHERMETIC_REMOTE_USER || env.PYHERMETIC_REMOTE_PASSWORD) {
    if (!env.PYHERMETIC_REMOTE_USER || !env.PYHERMETIC_REMOTE_PASSWORD)
      throw new UsageError(
        "only one of PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD is set",
        "set both (Basic authentication), or PYHERMETIC_REMOTE_TOKEN alone (Bearer)"
      );
    return {
      authorization: basic(env.PYHERMETIC_REMOTE_USER, env.PYHERMETIC_REMOTE_PASSWORD),
      source: "PYHERMETIC_REMOTE_USER/PYHERMETIC_REMOTE_PASSWORD"
    };
  }
  const file = env.NETRC || join17(env.HOME || homedir(), ".netrc");
  const text = await readFile12(file, "utf8").catch(() => void 0);
  const entry = text === void 0 ? void 0 : netrcEntry(text, base2.hostname);
  if (entry?.login && entry.password !== void 0)
    return { authorization: basic(entry.login, entry.password), source: `netrc (${file})` };
  return { source: "none" };
}

// src/core/store/remote-http.ts
import http from "node:http";
import https from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
var RemoteError = class extends EnvironmentError {
};
var MIN_BYTES = 1024;
var MAX_REDIRECTS = 5;
function httpSettings(env = process.env) {
  const timeout = Number(env.PYHERMETIC_REMOTE_TIMEOUT ?? 30);
  const retries = Number(env.PYHERMETIC_REMOTE_RETRIES ?? 3);
  return {
    idleMs: Number.isFinite(timeout) && timeout > 0 ? timeout * 1e3 : 3e4,
    attempts: Number.isInteger(retries) && retries >= 0 ? retries + 1 : 4,
    backoffMs: 500
  };
}
var IdleTimeout = class extends Error {
};
function shown(url) {
  return redact(String(url));
}
var RemoteHttp = class {
  constructor(credentials, settings) {
    this.credentials = credentials;
    this.settings = settings;
  }
  credentials;
  settings;
  once(method, url, opts, auth) {
    const lib = url.protocol === "https:" ? https : http;
    const headers = { "User-Agent": "pyhermetic", ...opts.headers };
    if (auth && this.credentials.authorization) headers.Authorization = this.credentials.authorization;
    return new Promise((resolve19, reject) => {
      const req = lib.request(url, { method, headers, agent: false });
      req.setTimeout(this.settings.idleMs, () => req.destroy(new IdleTimeout()));
      req.on("error", reject);
      req.on("response", (res) => {
        res.on("error", () => void 0);
        resolve19({ status: res.statusCode ?? 0, headers: res.headers, body: res, url });
      });
      const body = opts.body?.();
      if (body === void 0) req.end();
      else if (Buffer.isBuffer(body)) req.end(body);
      else {
        body.on("error", (err) => req.destroy(err));
        body.pipe(req);
      }
    });
  }
  /** Sends one request: redirects (reads only) and retries handled; a non-2xx/3xx answer is returned as is. */
  async request(method, url, opts = {}) {
    const { attempts, backoffMs, idleMs } = this.settings;
    let last = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        const wait = backoffMs * 2 ** (attempt - 2);
        info(
          `${method} ${shown(url)}: ${last}; retrying in ${(wait / 1e3).toFixed(1)} s (${attempt}/${attempts})`
        );
        await sleep(wait);
      }
      let answer;
      try {
        answer = await this.followed(method, url, opts);
      } catch (err) {
        if (err instanceof RemoteError) throw err;
        last = err instanceof IdleTimeout ? `no answer within ${idleMs / 1e3} s` : `${err.code ?? err.message}`;
        continue;
      }
      if (answer.status >= 500) {
        last = `HTTP ${answer.status}`;
        answer.body.resume();
        continue;
      }
      return answer;
    }
    throw new RemoteError(
      `${method} ${shown(url)} failed ${attempts} time(s), last: ${last}`,
      "the remote store is down or overloaded; try again later, or run without --remote (a local build)"
    );
  }
  async followed(method, first, opts) {
    const seen = /* @__PURE__ */ new Set();
    let url = first;
    for (let hop = 0; ; hop++) {
      seen.add(url.href);
      const answer = await this.once(method, url, opts, url.origin === first.origin);
      if (answer.status < 300 || answer.status >= 400 || answer.status === 304) return answer;
      answer.body.resume();
      const location = answer.headers.location;
      if (!location) return answer;
      const next = new URL(location, url);
      if (!opts.follow) {
        throw new RemoteError(
          `${method} ${shown(url)} was answered with HTTP ${answer.status}, a redirect to ${shown(next)}; uploads do not follow redirects`,
          "point --remote at the final URL of the store"
        );
      }
      if (seen.has(next.href))
        throw new RemoteError(
          `GET ${shown(first)}: a redirect loop (${[...seen, next.href].map(shown).join(" → ")})`,
          "the server or a proxy in front of it is misconfigured; fix it or point --remote elsewhere"
        );
      if (hop + 1 >= MAX_REDIRECTS)
        throw new RemoteError(
          `GET ${shown(first)}: more than ${MAX_REDIRECTS} redirects (last to ${shown(next)})`,
          "point --remote at the final URL of the store"
        );
      url = next;
    }
  }
  /** The error for an answer that is neither what we wanted nor a miss. Drains the body. */
  failure(method, answer, doing) {
    answer.body.resume();
    const at = `${method} ${shown(answer.url)}`;
    const s = answer.status;
    if (s === 401 || s === 403) {
      const who = this.credentials.source === "none" ? "no credentials were sent" : `credentials from ${this.credentials.source}`;
      return new RemoteError(
        `${at}: HTTP ${s} ${s === 401 ? "Unauthorized" : "Forbidden"} while ${doing} (${who})`,
        s === 401 ? `set ${CREDENTIAL_VARIABLES}; in Jenkins pass credentialsId or tokenCredentialsId` : `the credentials are valid but lack the permission to do this (${doing}); ask the repository's owner`
      );
    }
    if (s === 409 || s === 412)
      return new RemoteError(
        `${at}: HTTP ${s} ${s === 409 ? "Conflict" : "Precondition Failed"} while ${doing}`,
        "the server refused the write (a checksum it computed differs, a policy forbids overwriting, or a parent directory is missing); look at the server log"
      );
    return new RemoteError(
      `${at}: unexpected HTTP ${s} while ${doing}`,
      "check the URL and the server; pyhermetic expects the store layout of docs/remote-store.md"
    );
  }
  /** The body of an answer, guarded: a stall or a dripping transfer, a broken connection → RemoteError. */
  async *readBody(method, answer) {
    const { idleMs } = this.settings;
    const announced = answer.headers["content-length"];
    let received = 0;
    let atLastCheck = 0;
    let stalled = false;
    const timer = setInterval(() => {
      if (received - atLastCheck < MIN_BYTES) {
        stalled = true;
        answer.body.destroy(new IdleTimeout());
      }
      atLastCheck = received;
    }, idleMs);
    try {
      for await (const chunk of answer.body) {
        received += chunk.length;
        yield chunk;
      }
    } catch (err) {
      const of = announced === void 0 ? "" : ` of the ${announced} its Content-Length announced`;
      if (stalled || err instanceof IdleTimeout)
        throw new RemoteError(
          `${method} ${shown(answer.url)}: the transfer stalled: fewer than ${MIN_BYTES} bytes in ${idleMs / 1e3} s (received ${received} bytes${of})`,
          "the server or the network is dripping or hanging; try again later (PYHERMETIC_REMOTE_TIMEOUT sets the window in seconds)"
        );
      throw new RemoteError(
        `${method} ${shown(answer.url)}: the connection broke after ${received} bytes${of} (${err.code ?? err.message}): a truncated body`,
        "try again; if it persists, the server or a proxy cuts transfers"
      );
    } finally {
      clearInterval(timer);
    }
  }
};

// src/core/store/remote-protocols.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { createReadStream as createReadStream5 } from "node:fs";
function bodyOf(src) {
  return () => src.bytes ?? createReadStream5(src.path);
}
function headersOf(src) {
  return { "Content-Length": String(src.size), "Content-Type": "application/octet-stream" };
}
async function exists(remote, url, src) {
  const answer = await remote.http.request("HEAD", url, { follow: true });
  answer.body.resume();
  if (answer.status === 404 || answer.status === 410) return false;
  if (answer.status !== 200) throw remote.http.failure("HEAD", answer, `checking whether ${shown(url)} exists`);
  const length = answer.headers["content-length"];
  if (length !== void 0 && Number(length) !== src.size)
    throw new RemoteError(
      `HEAD ${shown(url)}: the remote holds ${length} bytes there, the file has ${src.size}`,
      "the remote copy is damaged or foreign: have it removed from the server, then publish again"
    );
  return true;
}
var ok = (status) => status === 200 || status === 201 || status === 204;
async function webdav(remote, url, src) {
  const temp = new URL(`.pyhermetic-upload-${process.pid}-${randomBytes3(6).toString("hex")}`, url);
  const put = await remote.http.request("PUT", temp, { headers: headersOf(src), body: bodyOf(src) });
  put.body.resume();
  if (!ok(put.status)) throw remote.http.failure("PUT", put, `uploading ${shown(url)}`);
  let moved = false;
  try {
    const move = await remote.http.request("MOVE", temp, {
      headers: { Destination: url.pathname, Overwrite: "F" }
    });
    move.body.resume();
    moved = ok(move.status);
    if (moved) return "created";
    if (move.status === 412) return "existed";
    throw remote.http.failure("MOVE", move, `moving the upload into place as ${shown(url)}`);
  } finally {
    if (!moved) {
      const del = await remote.http.request("DELETE", temp).catch(() => void 0);
      del?.body.resume();
    }
  }
}
async function artifactory(remote, url, src) {
  const put = await remote.http.request("PUT", url, {
    headers: { ...headersOf(src), "X-Checksum-Sha256": src.sha256 },
    body: bodyOf(src)
  });
  put.body.resume();
  if (ok(put.status)) return "created";
  if (await refusedBecauseThere(remote, url, src)) return "existed";
  throw remote.http.failure("PUT", put, `uploading (X-Checksum-Sha256 ${src.sha256})`);
}
async function nexus(remote, url, rel, src) {
  const put = await remote.http.request("PUT", url, { headers: headersOf(src), body: bodyOf(src) });
  put.body.resume();
  if (!ok(put.status)) {
    if (await refusedBecauseThere(remote, url, src)) return "existed";
    throw remote.http.failure("PUT", put, "uploading");
  }
  const back = await remote.get(rel, "the file just uploaded");
  if (!back)
    throw new RemoteError(`GET ${shown(url)}: 404 right after a successful PUT`, "check the repository and its proxy");
  for await (const _ of remote.verified(back, src)) {
  }
  return "created";
}
async function putFile(remote, rel, src) {
  const url = remote.url(rel);
  if (await exists(remote, url, src)) return "existed";
  switch (remote.target.kind) {
    case "webdav":
      return webdav(remote, url, src);
    case "artifactory":
      return artifactory(remote, url, src);
    case "nexus":
      return nexus(remote, url, rel, src);
  }
}
async function refusedBecauseThere(remote, url, src) {
  return exists(remote, url, src).catch(() => false);
}

// src/core/store/store.ts
import { createHash as createHash6, randomBytes as randomBytes4 } from "node:crypto";
import { createReadStream as createReadStream6, createWriteStream as createWriteStream2 } from "node:fs";
import { link as link2, lstat as lstat6, mkdir as mkdir8, readFile as readFile13, readdir as readdir9, rename as rename3, rm as rm10, stat as stat7 } from "node:fs/promises";
import { homedir as homedir2 } from "node:os";
import { join as join18, relative as relative3, resolve as resolve9 } from "node:path";
import { pipeline as pipeline2 } from "node:stream/promises";

// src/core/store/store-lock.ts
import { spawn as spawn2 } from "node:child_process";
import { open as open4 } from "node:fs/promises";
function flockFd(fd, args) {
  return new Promise((resolve19, reject) => {
    const child = spawn2("flock", [...args, "3"], { stdio: ["ignore", "ignore", "pipe", fd] });
    let err = "";
    child.stderr?.on("data", (d) => {
      err += d.toString();
    });
    child.on("error", (e) => {
      reject(
        new EnvironmentError(
          `cannot run flock to take the lock (${e.code ?? e.message})`,
          "install util-linux (it provides flock): apt-get install util-linux"
        )
      );
    });
    child.on("close", (code) => {
      if (code === 0 || code === 1) resolve19(code);
      else
        reject(
          new EnvironmentError(
            `flock failed (exit ${code}): ${err.trim()}`,
            "check that the lock file is on a local file system"
          )
        );
    });
  });
}
async function acquireFileLock(path6, onWait) {
  const handle = await open4(path6, "a", 384);
  try {
    if (await flockFd(handle.fd, ["-n", "-x"]) !== 0) {
      onWait?.();
      if (await flockFd(handle.fd, ["-x"]) !== 0) throw new EnvironmentError(`could not lock ${path6}`);
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  let released = false;
  return {
    path: path6,
    async release() {
      if (released) return;
      released = true;
      await handle.close();
    }
  };
}

// src/core/store/store.ts
var ENTRY_MANIFEST = "entry.json";
var TEMP_PREFIX = ".tmp-";
var SHA256_RE = /^[0-9a-f]{64}$/;
var KEY_RE = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;
var CorruptEntryError = class extends EnvironmentError {
  constructor(entry, detail) {
    super(
      `corrupt store entry ${entry}: ${detail}`,
      "it is never used or silently rebuilt over: run `pyhermetic store verify --repair` (moves it to quarantine/), then run the command again"
    );
    this.entry = entry;
  }
  entry;
};
var HashMismatchError = class extends Error {
  constructor(expected, actual, size) {
    super(`expected sha256 ${expected}, got ${actual} (${size} bytes)`);
    this.expected = expected;
    this.actual = actual;
    this.size = size;
  }
  expected;
  actual;
  size;
};
function defaultStoreRoot(explicit) {
  if (explicit) return resolve9(explicit);
  if (process.env.PYHERMETIC_HOME) return resolve9(process.env.PYHERMETIC_HOME);
  return join18(homedir2(), ".cache", "pyhermetic");
}
var randomSuffix = () => randomBytes4(6).toString("hex");
async function writeTemp(dir, source, mode) {
  const tmp = join18(dir, `${TEMP_PREFIX}${await ownerToken()}-${randomSuffix()}`);
  const h2 = createHash6("sha256");
  let size = 0;
  const input = Buffer.isBuffer(source) ? (async function* one() {
    yield source;
  })() : source;
  try {
    await pipeline2(
      input,
      async function* hashing(chunks) {
        for await (const chunk of chunks) {
          h2.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream2(tmp, { flags: "wx", mode })
    );
    await fsyncPath(tmp);
  } catch (err) {
    await rm10(tmp, { force: true });
    throw err;
  }
  return { tmp, sha256: h2.digest("hex"), size };
}
var Store = class _Store {
  constructor(root) {
    this.root = root;
  }
  root;
  /** Opens (creating if needed) the store at `root`: refuses unsafe roots, sweeps orphan temps. */
  static async open(root, opts = {}) {
    const dir = defaultStoreRoot(root);
    await checkRoot(dir);
    const store = new _Store(dir);
    const swept = await store.sweep();
    if (swept.length > 0) opts.onSweep?.(swept);
    return store;
  }
  get blobDir() {
    return join18(this.root, "blobs", "sha256");
  }
  blobPath(sha256) {
    if (!SHA256_RE.test(sha256)) throw new UsageError(`not a sha256: ${sha256}`, "a sha256 is 64 lowercase hex digits");
    return join18(this.blobDir, sha256);
  }
  async hasBlob(sha256) {
    return lstat6(this.blobPath(sha256)).then(
      (s) => s.isFile(),
      () => false
    );
  }
  /** The path of a blob after checking its bytes; undefined when absent; CorruptEntryError when bad. */
  async blob(sha256) {
    const path6 = this.blobPath(sha256);
    if (!await this.hasBlob(sha256)) return void 0;
    const got = await sha256OfFile(path6);
    if (got.sha256 !== sha256)
      throw new CorruptEntryError(relative3(this.root, path6), `its bytes hash to ${got.sha256}`);
    return path6;
  }
  /**
   * Stores bytes as a blob. With `expected`, bytes that hash otherwise throw HashMismatchError and
   * nothing is stored. An existing blob of that hash is verified and kept (never replaced).
   */
  async putBlob(source, expected) {
    await mkdir8(this.blobDir, { recursive: true, mode: 493 });
    const input = typeof source === "string" ? createReadStream6(source) : source;
    const { tmp, sha256, size } = await writeTemp(this.blobDir, input, 292);
    try {
      if (expected !== void 0 && sha256 !== expected) throw new HashMismatchError(expected, sha256, size);
      const final = this.blobPath(sha256);
      let existed = false;
      try {
        await link2(tmp, final);
      } catch (err) {
        if (err.code !== "EEXIST") throw err;
        await this.blob(sha256);
        existed = true;
      }
      await fsyncPath(this.blobDir);
      return { path: final, existed, sha256, size };
    } finally {
      await rm10(tmp, { force: true });
    }
  }
  entryDir(type, key2) {
    if (!KEY_RE.test(type) || !KEY_RE.test(key2)) throw new UsageError(`bad store entry name ${type}/${key2}`);
    return join18(this.root, "entries", type, key2);
  }
  /** A complete, verified entry, or undefined when there is none. Never returns a bad one. */
  async entry(type, key2) {
    const dir = this.entryDir(type, key2);
    if (!await stat7(dir).then(
      (s) => s.isDirectory(),
      () => false
    ))
      return void 0;
    const problems = await checkEntry(dir, type, key2);
    if (problems.length > 0) throw new CorruptEntryError(relative3(this.root, dir), problems.join("; "));
    const manifest = JSON.parse(await readFile13(join18(dir, ENTRY_MANIFEST), "utf8"));
    return { dir, manifest, existed: true };
  }
  /**
   * Publishes an entry made of `files` (name → a path to copy or the bytes). `expected` hashes, when
   * given, are checked against what was written. The first writer of a key wins.
   */
  async putEntry(type, key2, files, expected = {}) {
    const final = this.entryDir(type, key2);
    const parent = join18(this.root, "entries", type);
    await mkdir8(parent, { recursive: true, mode: 493 });
    const tmpDir = join18(parent, `${TEMP_PREFIX}${await ownerToken()}-${randomSuffix()}`);
    await mkdir8(tmpDir, { mode: 493 });
    try {
      const manifest = { schema: 1, kind: "pyhermetic-store-entry", type, key: key2, files: {} };
      for (const name of Object.keys(files).sort()) {
        if (name === ENTRY_MANIFEST || name.includes("/") || name.startsWith("."))
          throw new Error(`bad entry file name ${name}`);
        const src = files[name];
        const written = await writeTemp(tmpDir, typeof src === "string" ? createReadStream6(src) : src, 292);
        if (expected[name] !== void 0 && expected[name] !== written.sha256) {
          throw new EnvironmentError(
            `${name} changed while being stored (sha256 ${written.sha256}, expected ${expected[name]})`,
            "check the disk and run the command again"
          );
        }
        await rename3(written.tmp, join18(tmpDir, name));
        manifest.files[name] = { sha256: written.sha256, size: written.size };
      }
      const doc = await writeTemp(tmpDir, Buffer.from(`${JSON.stringify(manifest, null, 2)}
`), 292);
      await rename3(doc.tmp, join18(tmpDir, ENTRY_MANIFEST));
      await fsyncPath(tmpDir);
      try {
        await rename3(tmpDir, final);
      } catch (err) {
        const code = err.code;
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw err;
        const winner = await this.entry(type, key2);
        if (!winner) throw err;
        return winner;
      }
      await fsyncPath(parent);
      return { dir: final, manifest, existed: false };
    } finally {
      await rm10(tmpDir, { recursive: true, force: true });
    }
  }
  /** The per-key lock: only saves duplicate work (two builders of one key), never guards correctness. */
  async lock(type, key2, onWait) {
    const dir = join18(this.root, "locks");
    await mkdir8(dir, { recursive: true, mode: 493 });
    this.entryDir(type, key2);
    return acquireFileLock(join18(dir, `${type}-${key2}.lock`), onWait);
  }
  /** Removes temps whose owner process is gone. Returns what was removed (relative paths). */
  async sweep() {
    const removed = [];
    for (const dir of await this.tempDirs()) {
      for (const name of await readdir9(dir).catch(() => [])) {
        if (!name.startsWith(TEMP_PREFIX)) continue;
        const token = name.slice(TEMP_PREFIX.length).split("-")[0];
        if (await ownerAlive(token)) continue;
        await rm10(join18(dir, name), { recursive: true, force: true });
        removed.push(relative3(this.root, join18(dir, name)));
      }
    }
    return removed;
  }
  async tempDirs() {
    const entries = join18(this.root, "entries");
    const types = await readdir9(entries).catch(() => []);
    return [this.blobDir, ...types.filter((t) => !t.startsWith(".")).map((t) => join18(entries, t))];
  }
  /** Checks every blob and entry; returns one problem per bad item. */
  async verify() {
    const problems = [];
    let checked = 0;
    const fix = "run `pyhermetic store verify --repair` to move it to quarantine/, then rebuild or re-import it";
    for (const name of (await readdir9(this.blobDir).catch(() => [])).sort()) {
      if (name.startsWith(TEMP_PREFIX)) continue;
      const path6 = join18(this.blobDir, name);
      checked++;
      const rel = relative3(this.root, path6);
      if (!SHA256_RE.test(name)) {
        problems.push({ path: rel, message: "not named by a sha256", fix });
        continue;
      }
      const st = await lstat6(path6);
      if (!st.isFile()) {
        problems.push({ path: rel, message: "not a regular file", fix });
        continue;
      }
      const got = await sha256OfFile(path6);
      if (got.sha256 !== name) problems.push({ path: rel, message: `bytes hash to ${got.sha256}`, fix });
    }
    const entriesRoot = join18(this.root, "entries");
    for (const type of (await readdir9(entriesRoot).catch(() => [])).sort()) {
      for (const key2 of (await readdir9(join18(entriesRoot, type)).catch(() => [])).sort()) {
        if (key2.startsWith(TEMP_PREFIX)) continue;
        checked++;
        const dir = join18(entriesRoot, type, key2);
        const found = await checkEntry(dir, type, key2);
        if (found.length > 0) problems.push({ path: relative3(this.root, dir), message: found.join("; "), fix });
      }
    }
    return { checked, problems };
  }
  /** Moves a bad blob or entry (path relative to the root) into quarantine/. Returns the new relative path. */
  async quarantine(rel) {
    const dir = join18(this.root, "quarantine");
    await mkdir8(dir, { recursive: true, mode: 493 });
    const dest = join18(dir, `${rel.split("/").join("__")}.${Date.now()}-${randomSuffix()}`);
    await rename3(join18(this.root, rel), dest);
    await fsyncPath(dir);
    return relative3(this.root, dest);
  }
};
async function checkEntry(dir, type, key2) {
  let manifest;
  try {
    manifest = JSON.parse(await readFile13(join18(dir, ENTRY_MANIFEST), "utf8"));
  } catch (err) {
    return [
      `${ENTRY_MANIFEST} is missing or unreadable (${err.code ?? err.message})`
    ];
  }
  if (manifest?.kind !== "pyhermetic-store-entry" || manifest.type !== type || manifest.key !== key2 || typeof manifest.files !== "object") {
    return [`${ENTRY_MANIFEST} does not describe ${type}/${key2}`];
  }
  const problems = [];
  const names = new Set(await readdir9(dir));
  for (const [name, want] of Object.entries(manifest.files)) {
    if (!names.has(name)) {
      problems.push(`${name} is missing`);
      continue;
    }
    const got = await sha256OfFile(join18(dir, name));
    if (got.sha256 !== want.sha256 || got.size !== want.size) {
      problems.push(
        `${name} has sha256 ${got.sha256} (${got.size} bytes), ${ENTRY_MANIFEST} says ${want.sha256} (${want.size} bytes)`
      );
    }
  }
  for (const name of names) {
    if (name !== ENTRY_MANIFEST && !(name in manifest.files))
      problems.push(`${name} is not listed in ${ENTRY_MANIFEST}`);
  }
  return problems;
}
async function checkRoot(root) {
  let st = await stat7(root).catch(() => void 0);
  if (!st) {
    await mkdir8(root, { recursive: true, mode: 448 });
    st = await stat7(root);
  }
  if (!st.isDirectory())
    throw new UsageError(
      `the store root ${root} is not a directory`,
      "pass --store with a directory (it is created if missing)"
    );
  if (st.mode & 2) {
    throw new UsageError(
      `the store root ${root} is world-writable (mode ${(st.mode & 4095).toString(8)}): anyone on this machine could replace what it holds`,
      `run chmod o-w ${root}, or pass --store with a directory of your own`
    );
  }
  const uid = process.getuid?.();
  if (uid !== void 0 && st.uid !== uid) {
    throw new UsageError(
      `the store root ${root} is owned by uid ${st.uid}, not by you (uid ${uid})`,
      "use a store of your own (--store DIR or PYHERMETIC_HOME), or have its owner run the command"
    );
  }
}

// src/core/store/remote.ts
var SHA256_RE2 = /^[0-9a-f]{64}$/;
var NAME_RE2 = /^[0-9A-Za-z][0-9A-Za-z._+-]*$/;
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
async function downloadTemp(prefix) {
  await sweepDeadTemps(tmpdir3(), prefix);
  return mkdtemp4(join19(tmpdir3(), await ownedTempPrefix(prefix)));
}
var RemoteStore = class _RemoteStore {
  constructor(target, http2, publish2) {
    this.target = target;
    this.publish = publish2;
    this.http = http2;
  }
  target;
  publish;
  http;
  /** `--remote URL` (or PYHERMETIC_REMOTE) with credentials from the environment. */
  static async open(spec, opts) {
    const target = parseRemote(spec);
    const creds = await remoteCredentials(target.base, opts.env);
    const settings = httpSettings(opts.env);
    return new _RemoteStore(target, new RemoteHttp(creds, settings), opts.publish);
  }
  /** The store's URL as messages show it. */
  get shown() {
    return `${this.target.kind === "webdav" ? "" : `${this.target.kind}+`}${shown(this.target.base)}`;
  }
  url(rel) {
    if (rel.split("/").some((p) => !NAME_RE2.test(p))) throw new Error(`bad remote path ${rel}`);
    return new URL(rel, this.target.base);
  }
  /** GET: the answer when 200, undefined when 404/410; anything else an error. */
  async get(rel, doing) {
    const answer = await this.http.request("GET", this.url(rel), { follow: true });
    if (answer.status === 404 || answer.status === 410) {
      answer.body.resume();
      return void 0;
    }
    if (answer.status !== 200) throw this.http.failure("GET", answer, `reading ${doing}`);
    const type = String(answer.headers["content-type"] ?? "");
    if (/^\s*text\/html/i.test(type)) {
      answer.body.resume();
      throw new RemoteError(
        `GET ${shown(answer.url)}: HTTP 200 with an HTML page (Content-Type: ${type}) instead of ${doing}`,
        "a login page, a proxy or a repository browser answered instead of the file: check the URL (Artifactory and Nexus need their scheme, see docs/remote-store.md) and the credentials"
      );
    }
    return answer;
  }
  /** The verified bytes of an answer, streamed: a wrong size or sha256 ends the stream with a RemoteError. */
  verified(answer, want) {
    const announced = answer.headers["content-length"];
    if (announced !== void 0 && want.size !== void 0 && Number(announced) !== want.size) {
      answer.body.resume();
      throw new RemoteError(
        `GET ${shown(answer.url)}: Content-Length says ${announced} bytes, the manifest says ${want.size}`,
        "the server holds another file under this name (or lies about its length): nothing was stored; have the remote entry removed and published again"
      );
    }
    const body = this.http.readBody("GET", answer);
    return Readable4.from(
      (async function* check() {
        const h2 = createHash7("sha256");
        let size = 0;
        for await (const chunk of body) {
          h2.update(chunk);
          size += chunk.length;
          if (want.size !== void 0 && size > want.size) break;
          yield chunk;
        }
        const got = h2.digest("hex");
        const short = announced !== void 0 && size < Number(announced);
        if (want.size !== void 0 && size !== want.size || short)
          throw new RemoteError(
            `GET ${shown(answer.url)}: received ${size} bytes, expected ${want.size ?? announced}${announced !== void 0 ? ` (Content-Length ${announced})` : ""}: a truncated or padded body`,
            "nothing was stored; try again, and if it persists have the remote entry checked"
          );
        if (got !== want.sha256)
          throw new RemoteError(
            `GET ${shown(answer.url)}: the bytes hash to sha256 ${got}, not ${want.sha256} (${size} bytes)`,
            "the remote copy is corrupt or was tampered with; nothing was stored. Have it removed from the server (and published again from a good store)"
          );
      })(),
      { objectMode: false }
    );
  }
  /** Downloads rel into a new file, verified. False when the remote has no such file. */
  async downloadTo(rel, want, dest) {
    const answer = await this.get(rel, `the file ${rel}`);
    if (!answer) return false;
    await pipeline3(this.verified(answer, want), createWriteStream3(dest, { flags: "wx", mode: 292 }));
    return true;
  }
  /** A small JSON document (a manifest), or undefined on 404. */
  async getJson(rel, doing) {
    const answer = await this.get(rel, doing);
    if (!answer) return void 0;
    const chunks = [];
    let size = 0;
    for await (const chunk of this.http.readBody("GET", answer)) {
      size += chunk.length;
      if (size > MAX_MANIFEST_BYTES) {
        answer.body.destroy();
        throw new RemoteError(`GET ${shown(answer.url)}: more than ${MAX_MANIFEST_BYTES} bytes for ${doing}`);
      }
      chunks.push(chunk);
    }
    const announced = answer.headers["content-length"];
    if (announced !== void 0 && Number(announced) !== size)
      throw new RemoteError(
        `GET ${shown(answer.url)}: received ${size} bytes, Content-Length said ${announced}: a truncated body`
      );
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      throw new RemoteError(
        `GET ${shown(answer.url)}: ${doing} is not JSON (${size} bytes starting ${JSON.stringify(Buffer.concat(chunks).subarray(0, 40).toString("utf8"))})`,
        "the server answered with something else than the store file (a proxy or login page?); check --remote"
      );
    }
  }
  entryPath(type, key2) {
    return `entries/${type}/${key2}/${ENTRY_MANIFEST}`;
  }
  /** The remote manifest of an entry, checked for shape; undefined when the remote has none. */
  async manifest(type, key2) {
    const rel = this.entryPath(type, key2);
    const doc = await this.getJson(rel, `the manifest of ${type}/${key2}`);
    if (doc === void 0) return void 0;
    const files = doc?.files;
    const ok2 = doc?.kind === "pyhermetic-store-entry" && doc.type === type && doc.key === key2 && typeof files === "object" && files !== null && Object.entries(files).every(
      ([name, f]) => NAME_RE2.test(name) && name !== ENTRY_MANIFEST && SHA256_RE2.test(f?.sha256) && Number.isSafeInteger(f?.size) && f.size >= 0
    );
    if (!ok2)
      throw new RemoteError(
        `GET ${shown(this.url(rel))}: not a store manifest of ${type}/${key2}`,
        "the remote entry is damaged or foreign: have it removed from the server; nothing was stored"
      );
    return doc;
  }
  /** Fetches an entry into the local store (verified, atomic put); undefined when the remote lacks it. */
  async fetchEntry(store, type, key2, requiredFiles = []) {
    const manifest = await this.manifest(type, key2);
    if (!manifest) return void 0;
    const missing = requiredFiles.filter((f) => !(f in manifest.files));
    if (missing.length > 0)
      throw new RemoteError(
        `${shown(this.url(this.entryPath(type, key2)))} does not name ${missing.join(", ")}`,
        "the remote entry is not a complete one of its kind (written by another tool?): have it removed; nothing was stored"
      );
    const tmp = await downloadTemp("pyhermetic-remote-");
    try {
      const paths = {};
      const expected = {};
      for (const [name, f] of Object.entries(manifest.files)) {
        const started = Date.now();
        if (!await this.downloadTo(`blobs/sha256/${f.sha256}`, f, join19(tmp, name)))
          throw new RemoteError(
            `${shown(this.url(this.entryPath(type, key2)))} names ${name} (blobs/sha256/${f.sha256}), which the remote does not have`,
            "the remote entry is incomplete (a blob was deleted): have the entry removed and published again"
          );
        info(`fetched ${name} (${(f.size / 1024 / 1024).toFixed(1)} MiB) in ${seconds(Date.now() - started)}`);
        paths[name] = join19(tmp, name);
        expected[name] = f.sha256;
      }
      return await store.putEntry(type, key2, paths, expected);
    } finally {
      await rm11(tmp, { recursive: true, force: true });
    }
  }
  /** Fetches a blob into the local store, verified; undefined when the remote lacks it. */
  async fetchBlob(store, sha256) {
    const answer = await this.get(`blobs/sha256/${sha256}`, `the blob ${sha256}`);
    if (!answer) return void 0;
    try {
      return (await store.putBlob(this.verified(answer, { sha256 }), sha256)).path;
    } catch (err) {
      if (err instanceof HashMismatchError)
        throw new RemoteError(`GET ${shown(answer.url)}: ${err.message}; nothing was stored`);
      throw err;
    }
  }
  mustPublish() {
    if (!this.publish) throw new Error("internal: a write to the remote store without --publish");
  }
  /** Uploads one file (create-only). */
  async putFile(rel, src) {
    this.mustPublish();
    return putFile(this, rel, src);
  }
  /** Publishes a verified local entry: its blobs first, its manifest last. 'existed' when the remote had it. */
  async publishEntry(entry, type, key2) {
    this.mustPublish();
    const there = await this.manifest(type, key2);
    if (there) return "existed";
    for (const [name, f] of Object.entries(entry.manifest.files)) {
      const started = Date.now();
      const r2 = await this.putFile(`blobs/sha256/${f.sha256}`, { path: join19(entry.dir, name), ...f });
      info(`${r2 === "created" ? "uploaded" : "already there:"} ${name} in ${seconds(Date.now() - started)}`);
    }
    const bytes = await readFile14(join19(entry.dir, ENTRY_MANIFEST));
    const sha256 = createHash7("sha256").update(bytes).digest("hex");
    const r = await this.putFile(this.entryPath(type, key2), { bytes, sha256, size: bytes.length });
    if (r === "existed") {
      const winner = await this.manifest(type, key2);
      if (winner && JSON.stringify(winner.files) !== JSON.stringify(entry.manifest.files))
        warn(`${type}/${key2}: another agent published other bytes for this key first; the remote keeps theirs`);
      return "existed";
    }
    return "published";
  }
  /** Publishes a verified local blob. */
  async publishBlob(path6, sha256, size) {
    return this.putFile(`blobs/sha256/${sha256}`, { path: path6, sha256, size });
  }
};
async function localContents(store) {
  const entriesRoot = join19(store.root, "entries");
  const entries = [];
  for (const type of (await readdir10(entriesRoot).catch(() => [])).sort()) {
    if (!NAME_RE2.test(type)) continue;
    for (const key2 of (await readdir10(join19(entriesRoot, type)).catch(() => [])).sort())
      if (NAME_RE2.test(key2)) entries.push([type, key2]);
  }
  const blobs = (await readdir10(store.blobDir).catch(() => [])).filter((n2) => SHA256_RE2.test(n2)).sort();
  return { entries, blobs };
}

// src/commands/remote-options.ts
var REMOTE_OPTIONS = {
  remote: { type: "string" },
  publish: { type: "boolean" }
};
var REMOTE_HELP = `  --remote URL  a shared remote store, read through (default: $PYHERMETIC_REMOTE): https://… (WebDAV:
                nginx, Apache), artifactory+https://… or nexus+https://…; credentials only from
                PYHERMETIC_REMOTE_TOKEN or PYHERMETIC_REMOTE_USER/PASSWORD or netrc (docs/remote-store.md)
  --publish     also upload to the remote what it lacks (default: PYHERMETIC_PUBLISH=1); without it
                the remote is only read`;
async function remoteFromOptions(values, env = process.env) {
  const spec = stringOption(values, "remote") ?? (env.PYHERMETIC_REMOTE || void 0);
  const publish2 = values.publish === true || env.PYHERMETIC_PUBLISH === "1" || env.PYHERMETIC_PUBLISH === "true";
  if (!spec) {
    if (values.publish === true)
      throw new UsageError("--publish needs a remote store", "pass --remote URL or set PYHERMETIC_REMOTE");
    return void 0;
  }
  return RemoteStore.open(spec, { publish: publish2, env });
}

// src/commands/pipeline.ts
function runnerScript() {
  const script = process.argv[1];
  if (!script)
    throw new UsageError("cannot tell which runner script is running", "start pyhermetic as `node runner.mjs …`");
  try {
    return realpathSync2(script);
  } catch {
    return resolve10(script);
  }
}
var pipelineCommand = {
  name: "pipeline",
  summary: "Run the whole chain for a project: interpreter → lock check → test env → tests → pack → verify → reports",
  usage: "pipeline --config pyhermetic.json [--out DIR] [--store DIR] [--remote URL [--publish]] [--json]",
  help: `options:
  --config FILE  the project's pyhermetic.json (paths in it are relative to its directory)
  --out DIR      output directory (default: <config dir>/.pyhermetic-out); replaced on every run
  --store DIR    the interpreter store (default: the config's "store", else $PYHERMETIC_HOME or ~/.cache/pyhermetic)
${REMOTE_HELP}
                (default: the config's "remote"); the interpreter and env stages read through it
  --json         print {ok, exitCode, out, stages, report, package, rerun} on stdout

Output: OUT/interpreter/ (interpreter.tar.gz + interpreter.json), OUT/env-test/ (the tested env),
OUT/app/ (the app snapshot that is tested and packed), OUT/dist/<name>.tar.gz, OUT/report/ (report.html,
report.json, junit.xml, summary.md, tests-junit.xml, verify/), OUT/rerun.sh.

Each stage prints its command; the first failing stage stops the chain with its exit code (1 tests or
verify found problems, 2 config/lock/usage, 3 a tool failed) and the report of what ran is still written.

pyhermetic.json:
${CONFIG_EXAMPLE}`,
  options: {
    config: { type: "string" },
    out: { type: "string" },
    store: { type: "string" },
    ...REMOTE_OPTIONS
  },
  async run({ values, json }) {
    const configArg = stringOption(values, "config");
    if (!configArg)
      throw new UsageError("pipeline needs --config pyhermetic.json", `usage: pyhermetic ${pipelineCommand.usage}`);
    const config = await loadPipelineConfig(configArg);
    const outArg = stringOption(values, "out");
    const storeArg = stringOption(values, "store");
    await remoteFromOptions({ ...values, remote: stringOption(values, "remote") ?? config.remote ?? void 0 });
    const result = await runPipeline({
      config,
      outDir: outArg ? resolve10(outArg) : join20(config.baseDir, ".pyhermetic-out"),
      store: storeArg ? resolve10(storeArg) : config.store ?? void 0,
      remote: stringOption(values, "remote") ?? config.remote ?? void 0,
      publish: values.publish === true || void 0,
      runner: { node: process.execPath, script: runnerScript() },
      cwd: process.cwd()
    });
    if (json) printJson(result);
    else {
      out(`report: ${result.report.html}`);
      if (result.package) out(`package: ${result.package}`);
      out(`rerun: sh ${result.rerun}`);
    }
    return result.exitCode;
  }
};

// src/core/deps/lock.ts
import { createHash as createHash10 } from "node:crypto";
import { mkdtemp as mkdtemp6, readFile as readFile19, rm as rm13 } from "node:fs/promises";
import { tmpdir as tmpdir4 } from "node:os";
import { join as join24, resolve as resolve13 } from "node:path";
import { fileURLToPath as fileURLToPath5 } from "node:url";

// src/core/abi/wheel-tags.ts
var tagText = (t) => `${t.python}-${t.abi}-${t.platform}`;
function expandTags(python, abi, platform2) {
  const out2 = [];
  for (const p of python.split("."))
    for (const a2 of abi.split(".")) for (const pl of platform2.split(".")) out2.push({ python: p, abi: a2, platform: pl });
  return out2;
}
function parseWheelFileName(fileName) {
  if (!fileName.endsWith(".whl")) return void 0;
  const parts = fileName.slice(0, -4).split("-");
  if (parts.length !== 5 && parts.length !== 6) return void 0;
  if (parts.some((p) => p === "")) return void 0;
  const [distribution, version] = parts;
  const build = parts.length === 6 ? parts[2] : void 0;
  const [python, abi, platform2] = parts.slice(-3);
  return { distribution, version, build, tags: expandTags(python, abi, platform2) };
}
function parseWheelMetadataTags(text) {
  const out2 = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^Tag:\s*(\S+)-(\S+)-(\S+)\s*$/.exec(line);
    if (m) out2.push(...expandTags(m[1], m[2], m[3]));
  }
  return out2;
}
var LEGACY_MANYLINUX = { manylinux1: "2.5", manylinux2010: "2.12", manylinux2014: "2.17" };
function manylinuxGlibc(platform2) {
  const legacy = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(platform2);
  if (legacy) return { glibc: LEGACY_MANYLINUX[legacy[1]], arch: legacy[2] };
  const pep600 = /^manylinux_(\d+)_(\d+)_(.+)$/.exec(platform2);
  return pep600 ? { glibc: `${pep600[1]}.${pep600[2]}`, arch: pep600[3] } : void 0;
}
function wheelArch(fields) {
  const m = fields.machine;
  if (fields.pointer_bits === 32 && (m === "x86_64" || m === "i386" || m === "i586" || m === "i686")) return "i686";
  if (m === "arm64") return "aarch64";
  return m;
}
function pyVersion(fields) {
  return { major: Number(fields.version_info[0]), minor: Number(fields.version_info[1]) };
}
function platformMismatch(platform2, fields) {
  if (platform2 === "any") return void 0;
  const arch = wheelArch(fields);
  const libc = fields.libc_family;
  if (platform2 === `linux_${arch}`) return void 0;
  const glibcTag = manylinuxGlibc(platform2);
  if (glibcTag) {
    if (glibcTag.arch !== arch) return `platform ${platform2} is for ${glibcTag.arch}, the interpreter is ${arch}`;
    if (libc !== "glibc") return `platform ${platform2} needs glibc, the interpreter runs on ${libc}`;
    if (compareVersions(glibcTag.glibc, fields.libc_version) > 0)
      return `platform ${platform2} needs glibc ${glibcTag.glibc}, the interpreter has ${fields.libc_version}`;
    return void 0;
  }
  const m = /^musllinux_(\d+)_(\d+)_(.+)$/.exec(platform2);
  if (m) {
    if (m[3] !== arch) return `platform ${platform2} is for ${m[3]}, the interpreter is ${arch}`;
    if (libc !== "musl") return `platform ${platform2} needs musl, the interpreter runs on ${libc}`;
    if (compareVersions(`${m[1]}.${m[2]}`, fields.libc_version) > 0)
      return `platform ${platform2} needs musl ${m[1]}.${m[2]}, the interpreter has ${fields.libc_version}`;
    return void 0;
  }
  return `platform ${platform2} is not a Linux ${arch} platform`;
}
function tagMismatch(tag, fields) {
  const { major, minor } = pyVersion(fields);
  const cp = `cp${major}${minor}`;
  const abiflags = fields.ABIFLAGS ?? "";
  const py = /^(py|cp)(\d)(\d*)$/.exec(tag.python);
  if (!py) return `python tag ${tag.python} is not CPython ${major}.${minor}`;
  const [, kind, tagMajor, tagMinorText] = py;
  const tagMinor = tagMinorText === "" ? void 0 : Number(tagMinorText);
  if (Number(tagMajor) !== major)
    return `python tag ${tag.python} is for Python ${tagMajor}, the interpreter is ${major}.${minor}`;
  if (tag.abi === "abi3") {
    if (kind !== "cp" || tagMinor === void 0) return `abi3 needs a cp3X python tag, got ${tag.python}`;
    if (tagMinor > minor)
      return `python tag ${tag.python} (abi3) needs CPython ${major}.${tagMinor} or newer, the interpreter is ${major}.${minor}`;
    if (fields.Py_GIL_DISABLED) return "abi3 wheels do not load in a free-threaded interpreter";
  } else if (tag.abi === "none") {
    if (kind === "cp" && tag.python !== cp) return `python tag ${tag.python} is not ${cp}`;
    if (kind === "py" && tagMinor !== void 0 && tagMinor > minor)
      return `python tag ${tag.python} needs Python ${major}.${tagMinor}, the interpreter is ${major}.${minor}`;
  } else {
    if (tag.python !== cp) return `python tag ${tag.python} is not ${cp}`;
    if (tag.abi !== `${cp}${abiflags}`) return `ABI tag ${tag.abi} is not ${cp}${abiflags}`;
  }
  return platformMismatch(tag.platform, fields);
}
function wheelFits(tags, fields) {
  if (tags.length === 0) return { fits: false, reasons: ["the wheel has no tags"] };
  const reasons = [];
  for (const t of tags) {
    const why = tagMismatch(t, fields);
    if (why === void 0) return { fits: true, reasons: [] };
    reasons.push(`${tagText(t)}: ${why}`);
  }
  return { fits: false, reasons };
}
function interpreterTagSummary(fields) {
  const { major, minor } = pyVersion(fields);
  return `cp${major}${minor}${fields.ABIFLAGS ?? ""} on ${wheelArch(fields)} ${fields.libc_family} ${fields.libc_version}`.trim();
}

// src/core/deps/lock-glibc.ts
function wheelGlibcFloor(fileName) {
  const parsed = parseWheelFileName(fileName);
  if (!parsed) return void 0;
  let lowest;
  let plainLinux = false;
  for (const { platform: platform2 } of parsed.tags) {
    const glibc = manylinuxGlibc(platform2)?.glibc;
    if (glibc) {
      if (lowest === void 0 || compareGlibc(glibc, lowest) < 0) lowest = glibc;
    } else if (platform2.startsWith("linux_")) {
      plainLinux = true;
    }
  }
  if (lowest !== void 0) return lowest;
  return plainLinux ? "unknown" : null;
}
function glibcFloorFindings(files, glibcMax) {
  const findings = [];
  for (const f of files) {
    const need = wheelGlibcFloor(f.fileName);
    if (need === void 0 || need === null) continue;
    if (need === "unknown") {
      findings.push({
        path: `${f.name}==${f.version}`,
        message: `the wheel ${f.fileName} is a plain linux wheel: it promises no glibc level`,
        fix: `pin a version of ${f.name} that has a manylinux wheel for glibc ≤ ${glibcMax}`
      });
    } else if (compareGlibc(need, glibcMax) > 0) {
      findings.push({
        path: `${f.name}==${f.version}`,
        message: `the wheel ${f.fileName} needs glibc ${need}, above the floor ${glibcMax}`,
        fix: `pin an older ${f.name} that has a manylinux2014 (glibc ≤ ${glibcMax}) wheel, or raise --glibc-max to the glibc of the oldest machine you deploy to`
      });
    }
  }
  return findings;
}
function glibcFloorError(findings, glibcMax) {
  return new FindingsError(
    `${findings.length} locked wheel(s) need a glibc above the floor ${glibcMax}; nothing was written`,
    findings
  );
}

// src/core/deps/index-page.ts
import { readFile as readFile15, stat as stat8 } from "node:fs/promises";
import { fileURLToPath as fileURLToPath3 } from "node:url";
var FETCH_TIMEOUT_MS = 15e3;
function withSlash(url) {
  return url.endsWith("/") ? url : `${url}/`;
}
async function fetchText(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "follow" });
  return { status: res.status, text: await res.text() };
}
async function checkIndexReachable(indexUrl2) {
  let parsed;
  try {
    parsed = new URL(indexUrl2);
  } catch {
    throw new UsageError(
      `not an index URL: '${indexUrl2}'`,
      "pass --index-url as file:///path/simple or http(s)://host/simple"
    );
  }
  const hint2 = "check the --index-url (a PEP 503 simple index: file:///path/simple or http(s)://host/simple) and that it is up";
  if (parsed.protocol === "file:") {
    const dir = fileURLToPath3(parsed);
    const st = await stat8(dir).catch(() => void 0);
    if (!st?.isDirectory())
      throw new EnvironmentError(`the package index ${indexUrl2} is unreachable: ${dir} is not a directory`, hint2);
    return;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new UsageError(
      `unsupported index URL scheme '${parsed.protocol}' in ${indexUrl2}`,
      "use file://, http:// or https://"
    );
  }
  try {
    await fetchText(withSlash(indexUrl2));
  } catch (err) {
    const cause = err.cause;
    throw new EnvironmentError(
      `the package index ${indexUrl2} is unreachable: ${cause?.code ?? cause?.message ?? err.message}`,
      hint2
    );
  }
}
function classify(filename, project) {
  const norm = normalizeName(project);
  if (filename.endsWith(".whl")) {
    const parts = filename.slice(0, -4).split("-");
    return { kind: "wheel", version: parts.length >= 5 ? parts[1] : "" };
  }
  const ext = [".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz"].find((e) => filename.endsWith(e));
  if (!ext) return { kind: "other", version: "" };
  const base2 = filename.slice(0, -ext.length);
  for (let i2 = base2.indexOf("-"); i2 !== -1; i2 = base2.indexOf("-", i2 + 1)) {
    if (normalizeName(base2.slice(0, i2)) === norm) return { kind: "sdist", version: base2.slice(i2 + 1) };
  }
  return { kind: "sdist", version: "" };
}
function decodeEntities(s) {
  return s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
async function projectFiles(indexUrl2, project) {
  const pageUrl = `${withSlash(indexUrl2)}${normalizeName(project)}/`;
  let html2;
  const parsed = new URL(pageUrl);
  if (parsed.protocol === "file:") {
    const dir = fileURLToPath3(parsed);
    html2 = await readFile15(`${dir}index.html`, "utf8").catch(() => "");
  } else {
    const r = await fetchText(pageUrl).catch((err) => {
      throw new EnvironmentError(`cannot read ${pageUrl}: ${err.message}`, "check that the index is up");
    });
    html2 = r.status === 200 ? r.text : "";
  }
  const files = [];
  for (const m of html2.matchAll(/<a\s[^>]*href\s*=\s*["']([^"']+)["'][^>]*>/gi)) {
    const href = decodeEntities(m[1]);
    const url = new URL(href, pageUrl);
    const frag = /(?:^|&)sha256=([0-9a-f]{64})/i.exec(url.hash.slice(1));
    url.hash = "";
    const filename = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf("/") + 1));
    files.push({ filename, url: url.toString(), ...classify(filename, project), sha256: frag?.[1].toLowerCase() });
  }
  return files;
}

// src/core/interpreter/materialize.ts
import { realpath as realpath2 } from "node:fs/promises";
import { relative as relative4 } from "node:path";

// src/core/interpreter/interpreter-cache.ts
import { createHash as createHash8 } from "node:crypto";
import { lstat as lstat7, mkdir as mkdir9, mkdtemp as mkdtemp5, readFile as readFile16, readlink as readlink4, rename as rename4, rm as rm12 } from "node:fs/promises";
import { join as join21 } from "node:path";
function interpreterCacheDir(cacheRoot, artifactSha256) {
  return join21(cacheRoot, "interpreters", artifactSha256);
}
async function extractedInterpreter(ref, cacheRoot) {
  const dir = interpreterCacheDir(cacheRoot, ref.artifactSha256);
  if (await lstat7(dir).then(
    (s) => s.isDirectory(),
    () => false
  ))
    return dir;
  await mkdir9(join21(cacheRoot, "interpreters"), { recursive: true, mode: 448 });
  const tmp = await mkdtemp5(join21(cacheRoot, "interpreters", `.${ref.artifactSha256.slice(0, 16)}.tmp-`));
  try {
    await extractTarGz(ref.artifactPath, tmp);
    await rename4(tmp, dir);
  } catch (err) {
    await rm12(tmp, { recursive: true, force: true });
    if (await lstat7(dir).then(
      (s) => s.isDirectory(),
      () => false
    ))
      return dir;
    throw err;
  }
  return dir;
}
async function verifyInterpreterCopy(ref, root, cacheDir) {
  const limit = pLimit(8);
  const problems = (await Promise.all(
    ref.manifest.files.map(
      (f) => limit(async () => {
        const p = join21(root, f.path);
        const st = await lstat7(p).catch(() => void 0);
        if (!st)
          return {
            path: f.path,
            message: "missing from the extracted interpreter",
            fix: `remove ${cacheDir} and run again`
          };
        if (f.link !== void 0) {
          const target = st.isSymbolicLink() ? await readlink4(p) : void 0;
          return target === f.link ? void 0 : {
            path: f.path,
            message: `symlink target ${target ?? "(not a symlink)"} ≠ ${f.link}`,
            fix: `remove ${cacheDir} and run again`
          };
        }
        const sha = createHash8("sha256").update(await readFile16(p)).digest("hex");
        return sha === f.sha256 ? void 0 : {
          path: f.path,
          message: `sha256 ${sha} ≠ interpreter.json ${f.sha256}`,
          fix: `remove ${cacheDir} and run again`
        };
      })
    )
  )).filter((x) => x !== void 0);
  if (problems.length > 0) {
    throw new FindingsError(
      `the extracted interpreter in ${cacheDir} differs from its interpreter.json in ${problems.length} file(s)`,
      problems
    );
  }
}

// src/core/interpreter/materialize.ts
async function pythonRelative(ref) {
  if (ref.kind === "artifact") return ref.manifest.python;
  const prefix = await realpath2(ref.prefix);
  const python = await realpath2(ref.python);
  const rel = relative4(prefix, python);
  if (rel.startsWith("..") || rel === "") {
    throw new UsageError(
      `${ref.python} does not live inside ${ref.prefix}`,
      "pass an interpreter artifact or the installation prefix directory"
    );
  }
  return rel;
}
function refuseSystemPrefix(prefix) {
  if (["/", "/usr", "/usr/local", "/opt"].includes(prefix.replace(/\/+$/, "") || "/")) {
    throw new UsageError(
      `the interpreter's prefix is ${prefix}, a system directory that cannot be copied into an env`,
      "build an interpreter artifact with `pyhermetic interpreter build`, or pass a self-contained installed prefix (e.g. a pyenv version directory)"
    );
  }
}
async function copyTree2(from, dest) {
  const r = await run("cp", ["-a", "--", `${from}/.`, `${dest}/`], { timeoutMs: 30 * 60 * 1e3 });
  if (r.exitCode !== 0)
    throw new EnvironmentError(
      `copying ${from} to ${dest} failed:
${tail(r.stderr)}`,
      "check free disk space and permissions"
    );
}
async function materializeInterpreter(ref, dest, cacheRoot) {
  const rel = await pythonRelative(ref);
  if (ref.kind === "artifact") {
    const cached = await extractedInterpreter(ref, cacheRoot);
    await copyTree2(cached, dest);
    await verifyInterpreterCopy(ref, dest, cached);
  } else {
    const prefix = await realpath2(ref.prefix);
    refuseSystemPrefix(prefix);
    await copyTree2(prefix, dest);
  }
  return `${dest}/${rel}`;
}
async function runnableInterpreter(ref, cacheRoot) {
  if (ref.kind !== "artifact") return ref.python;
  const cached = await extractedInterpreter(ref, cacheRoot);
  await verifyInterpreterCopy(ref, cached, cached);
  return `${cached}/${await pythonRelative(ref)}`;
}

// src/core/deps/pip.ts
import { mkdir as mkdir10 } from "node:fs/promises";
import { join as join22, resolve as resolve11 } from "node:path";
function defaultCacheRoot() {
  return join22(defaultStoreRoot(), "cache");
}
function pipCacheDir(cacheRoot, fingerprint) {
  if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw new Error(`not a fingerprint: ${fingerprint}`);
  return join22(resolve11(cacheRoot), "pip", fingerprint);
}
function pipEnv(cacheDir) {
  return scrubbedEnv({
    PIP_CONFIG_FILE: "/dev/null",
    PIP_CACHE_DIR: cacheDir,
    PYTHONNOUSERSITE: "1",
    PYTHONDONTWRITEBYTECODE: "1",
    // pip prints wide progress and colour for terminals; CI logs want neither.
    TERM: "dumb"
  });
}
function generalOptions(cacheDir) {
  return ["--isolated", "--no-input", "--disable-pip-version-check", "--no-color", "--cache-dir", cacheDir];
}
function indexOptions(indexUrls) {
  if (indexUrls.length === 0) throw new Error("indexOptions needs at least one index URL");
  const [first, ...rest] = indexUrls;
  return ["--index-url", first, ...rest.flatMap((u2) => ["--extra-index-url", u2])];
}
async function runPip(ctx, subcommand, args, opts = {}) {
  await mkdir10(ctx.cacheDir, { recursive: true, mode: 448 });
  const launch = ctx.pipHome ? [
    "-I",
    "-B",
    "-c",
    `import sys, runpy; sys.path.insert(0, ${JSON.stringify(ctx.pipHome)}); sys.argv[0] = 'pip'; runpy.run_module('pip', run_name='__main__', alter_sys=True)`
  ] : ["-I", "-B", "-m", "pip"];
  return run(ctx.python, [...launch, subcommand, ...generalOptions(ctx.cacheDir), ...args], {
    env: pipEnv(ctx.cacheDir),
    cwd: opts.cwd ?? "/",
    timeoutMs: opts.timeoutMs ?? 60 * 60 * 1e3,
    stream: opts.stream
  });
}
async function runPython(python, code, input, timeoutMs = 12e4) {
  return run(python, ["-I", "-B", "-c", code], {
    env: scrubbedEnv({ PYTHONNOUSERSITE: "1", PYTHONDONTWRITEBYTECODE: "1" }),
    cwd: "/",
    input,
    timeoutMs
  });
}
function hashMismatches(stderr) {
  const at = stderr.indexOf("THESE PACKAGES DO NOT MATCH THE HASHES");
  if (at === -1) return [];
  const out2 = [];
  let current;
  for (const raw of stderr.slice(at).split("\n").slice(1)) {
    const line = raw.trim();
    const req = /^([A-Za-z0-9][A-Za-z0-9._-]*==[^\s:]+)(?:\s.*)?:$/.exec(line);
    if (req) {
      current = { requirement: req[1], expected: [], got: "" };
      out2.push(current);
      continue;
    }
    const exp = /^Expected sha256 ([0-9a-f]{64})$/.exec(line) ?? /^or ([0-9a-f]{64})$/.exec(line);
    if (exp && current) current.expected.push(exp[1]);
    const got = /^Got\s+([0-9a-f]{64})$/.exec(line);
    if (got && current) current.got = got[1];
  }
  return out2;
}
function missingDistributions(stderr) {
  const out2 = [];
  for (const m of stderr.matchAll(/No matching distribution found for ([^\r\n]+)/g)) out2.push(m[1].trim());
  return [...new Set(out2)];
}

// src/core/deps/missing-wheel.ts
function fixFor(name) {
  return `no wheel for this interpreter: pin a version that has one, or allow building it with --allow-source ${normalizeName(name)}`;
}
function requirementName(requirement) {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement);
  return m ? m[1] : requirement.trim();
}
var MATCH_VERSIONS = `
import sys, json
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.version import Version, InvalidVersion
d = json.load(sys.stdin)
r = Requirement(d['req'])
ok = []
for v in d['versions']:
    try:
        pv = Version(v)
    except InvalidVersion:
        continue
    if r.specifier.contains(pv, prereleases=True):
        ok.append(v)
ok.sort(key=Version, reverse=True)
sys.stdout.write(json.dumps(ok))
`;
async function matchingVersions(python, requirement, versions) {
  const r = await runPython(
    python,
    MATCH_VERSIONS,
    JSON.stringify({ req: requirement.replace(/\s*\(from .*\)$/, ""), versions })
  );
  if (r.exitCode !== 0) return versions;
  try {
    return JSON.parse(r.stdout);
  } catch {
    return versions;
  }
}
async function explainMissing(python, indexUrls, requirements) {
  const findings = [];
  for (const requirement of requirements) {
    const name = requirementName(requirement);
    const files = [];
    for (const url of indexUrls) files.push(...await projectFiles(url, name));
    const versions = [...new Set(files.map((f) => f.version).filter((v) => v !== ""))];
    const wanted = await matchingVersions(python, requirement, versions);
    if (wanted.length === 0) {
      throw new UsageError(
        `no version of ${name} matching '${requirement}' is on ${indexUrls.join(", ")}`,
        versions.length ? `versions there: ${versions.join(", ")}; change the requirement` : `check the name and the --index-url`
      );
    }
    const version = wanted[0];
    const atVersion = files.filter((f) => f.version === version);
    const sdist = atVersion.find((f) => f.kind === "sdist");
    const wheels = atVersion.filter((f) => f.kind === "wheel").map((f) => f.filename);
    const what = sdist ? `only an sdist (${sdist.filename}) is on the index for ${name} ${version}${wheels.length ? `; its wheels (${wheels.join(", ")}) do not fit this interpreter` : ""}` : `the wheels of ${name} ${version} on the index (${wheels.join(", ")}) do not fit this interpreter`;
    findings.push({
      path: `${normalizeName(name)}==${version}`,
      message: `${what}; nothing was built`,
      fix: fixFor(name)
    });
  }
  return findings;
}
function missingWheelError(findings) {
  const names = findings.map((f) => f.path).join(", ");
  return new FindingsError(`no wheel for this interpreter: ${names}`, findings, findings.map((f) => f.fix).join("\n"));
}

// src/core/deps/pip-bootstrap.ts
import { createHash as createHash9 } from "node:crypto";
import { readFile as readFile17, writeFile as writeFile3 } from "node:fs/promises";
import { join as join23 } from "node:path";
import { fileURLToPath as fileURLToPath4 } from "node:url";
var PINNED_PIP = {
  version: "26.2.1",
  filename: "pip-26.2.1-py3-none-any.whl",
  sha256: "71138adf1f4ca900cdb7d289c21b7494329f2332b6d85f0e1c42108c0384ed3e"
};
var REPORT_SINCE = [22, 2];
function supportsReport(version) {
  const [major, minor] = version.split(".").map((x) => Number.parseInt(x, 10));
  if (!Number.isFinite(major)) return false;
  return major > REPORT_SINCE[0] || major === REPORT_SINCE[0] && (minor || 0) >= REPORT_SINCE[1];
}
async function pipVersionOf(python) {
  const r = await runPython(python, "import pip, sys; sys.stdout.write(pip.__version__)");
  return r.exitCode === 0 ? r.stdout.trim() : null;
}
async function fetchBytes(url) {
  if (url.startsWith("file:")) return readFile17(fileURLToPath4(url));
  const res = await fetch(url, { signal: AbortSignal.timeout(12e4) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
async function ensureReportCapablePip(python, scratch, indexUrls) {
  const version = await pipVersionOf(python);
  if (version && supportsReport(version)) return { version };
  const hint2 = `put ${PINNED_PIP.filename} (sha256 ${PINNED_PIP.sha256}) on the index, or use an interpreter whose pip is 22.2 or newer`;
  for (const index of indexUrls) {
    const file = (await projectFiles(index, "pip")).find((f) => f.filename === PINNED_PIP.filename);
    if (!file) continue;
    let bytes;
    try {
      bytes = await fetchBytes(file.url);
    } catch (err) {
      throw new EnvironmentError(`cannot read ${file.url}: ${err.message}`, hint2);
    }
    const sha = createHash9("sha256").update(bytes).digest("hex");
    if (sha !== PINNED_PIP.sha256)
      throw new EnvironmentError(
        `${file.url} has sha256 ${sha}, not the pinned ${PINNED_PIP.sha256}`,
        "the index serves a different file under the pinned name: investigate"
      );
    const wheel = join23(scratch, PINNED_PIP.filename);
    await writeFile3(wheel, bytes, { flag: "wx" });
    return { version: PINNED_PIP.version, home: wheel };
  }
  throw new EnvironmentError(
    `${version ? `pip ${version} is too old for --report` : "the interpreter has no pip"}, and ${PINNED_PIP.filename} is not on ${indexUrls.join(", ")}`,
    hint2
  );
}

// src/core/deps/requirements-in.ts
import { readFile as readFile18 } from "node:fs/promises";
import { dirname as dirname6, resolve as resolve12 } from "node:path";
var SOURCE_OPTIONS = /^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-index|--pre|--use-feature)(\s|=|$)/;
var INCLUDE = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/;
async function checkRequirementsFile(file, seen = /* @__PURE__ */ new Set()) {
  const path6 = resolve12(file);
  if (seen.has(path6)) return;
  seen.add(path6);
  let text;
  try {
    text = await readFile18(path6, "utf8");
  } catch (err) {
    throw new UsageError(
      `cannot read ${file} (${err.code ?? err.message})`,
      "pass -r with your requirements.in"
    );
  }
  const lines = text.split("\n");
  for (let i2 = 0; i2 < lines.length; i2++) {
    const line = lines[i2].replace(/(^|\s)#.*$/, "").trim();
    if (SOURCE_OPTIONS.test(line)) {
      throw new UsageError(
        `${file}:${i2 + 1}: '${line}' chooses a package source inside the requirements`,
        "remove it and pass the index to pyhermetic with --index-url (repeatable), so the lock records it"
      );
    }
    const inc = INCLUDE.exec(line);
    if (inc && !/^[a-z+]+:\/\//.test(inc[2])) await checkRequirementsFile(resolve12(dirname6(path6), inc[2]), seen);
  }
}

// src/core/deps/lock.ts
async function sha256OfUrl(url) {
  const h2 = createHash10("sha256");
  if (url.startsWith("file:")) h2.update(await readFile19(fileURLToPath5(url)));
  else {
    const res = await fetch(url, { signal: AbortSignal.timeout(12e4) });
    if (!res.ok)
      throw new EnvironmentError(`cannot download ${url} to hash it (HTTP ${res.status})`, "check the index");
    h2.update(Buffer.from(await res.arrayBuffer()));
  }
  return h2.digest("hex");
}
async function entryOf(item) {
  const info2 = item.download_info;
  if (!info2?.url)
    throw new EnvironmentError(
      `pip's report has no download URL for ${item.metadata.name}`,
      "lock only index packages (no paths, no VCS URLs)"
    );
  let sha = info2.archive_info?.hashes?.sha256;
  if (!sha && info2.archive_info?.hash?.startsWith("sha256=")) sha = info2.archive_info.hash.slice("sha256=".length);
  if (!sha) sha = await sha256OfUrl(info2.url);
  const file = decodeURIComponent(new URL(info2.url).pathname.split("/").pop() ?? "");
  return {
    entry: {
      name: normalizeName(item.metadata.name),
      version: item.metadata.version,
      hashes: [sha.toLowerCase()],
      line: 0
    },
    isSdist: !file.endsWith(".whl")
  };
}
async function resolveOnce(ctx, requirements, reportFile, noBinary) {
  return runPip(ctx, "install", [
    "--dry-run",
    "--ignore-installed",
    "--use-pep517",
    "--report",
    reportFile,
    "--quiet",
    "--progress-bar",
    "off",
    ...indexOptions(ctx.indexUrls),
    "--only-binary",
    ":all:",
    ...[...noBinary].sort().flatMap((n2) => ["--no-binary", n2]),
    "-r",
    requirements
  ]);
}
async function createLock(opts) {
  if (opts.indexUrls.length === 0)
    throw new UsageError("lock needs --index-url", "pass --index-url URL (repeat it for extra indexes)");
  const requirements = resolve13(opts.requirements);
  await checkRequirementsFile(requirements);
  const ref = await resolveInterpreter(opts.interpreter);
  for (const url of opts.indexUrls) await checkIndexReachable(url);
  const allowSource = new Set(opts.allowSource.map(normalizeName));
  const cacheRoot = opts.cacheRoot ?? defaultCacheRoot();
  const cacheDir = pipCacheDir(cacheRoot, ref.fingerprint);
  const work = await mkdtemp6(join24(tmpdir4(), "pyhermetic-lock-"));
  try {
    const python = ref.kind === "artifact" ? await stage(
      "interpreter (extracted once into the cache root, verified)",
      () => runnableInterpreter(ref, cacheRoot)
    ) : ref.python;
    const pip = await ensureReportCapablePip(python, work, opts.indexUrls);
    const ctx = { python, cacheDir, indexUrls: opts.indexUrls, pipHome: pip.home };
    const reportFile = join24(work, "report.json");
    const noBinary = /* @__PURE__ */ new Set();
    for (; ; ) {
      const r = await stage(
        "resolve (pip install --dry-run --only-binary :all:)",
        () => resolveOnce(ctx, requirements, reportFile, noBinary)
      );
      if (r.exitCode === 0) break;
      const missing = missingDistributions(r.stderr);
      if (missing.length === 0) {
        if (/ResolutionImpossible|conflicting dependencies|Invalid requirement|Could not open requirements file/i.test(
          r.stderr
        )) {
          throw new UsageError(
            `pip cannot resolve ${opts.requirements}:
${tail(r.stderr, 25)}`,
            "fix the requirements (conflicting or invalid pins)"
          );
        }
        throw new EnvironmentError(
          `pip failed while resolving (exit ${r.exitCode ?? r.signal}):
${tail(r.stderr || r.stdout || r.spawnError || "", 25)}`,
          "read pip's output above"
        );
      }
      const newlyAllowed = missing.map(requirementName).map(normalizeName).filter((n2) => allowSource.has(n2) && !noBinary.has(n2));
      const refused = missing.filter((m) => !allowSource.has(normalizeName(requirementName(m))));
      if (refused.length > 0) {
        const findings = await explainMissing(python, opts.indexUrls, refused);
        throw missingWheelError(findings);
      }
      if (newlyAllowed.length === 0) {
        throw new UsageError(
          `no distribution at all for ${missing.join(", ")} on ${opts.indexUrls.join(", ")}`,
          "check the name, the version and the --index-url"
        );
      }
      for (const n2 of newlyAllowed) noBinary.add(n2);
      info(`allowed to build from source: ${newlyAllowed.join(", ")}`);
    }
    const report = JSON.parse(await readFile19(reportFile, "utf8"));
    const entries = [];
    const fromSource = [];
    for (const item of report.install) {
      const { entry, isSdist } = await entryOf(item);
      if (isSdist) {
        if (!allowSource.has(entry.name))
          throw missingWheelError(await explainMissing(python, opts.indexUrls, [`${entry.name}==${entry.version}`]));
        fromSource.push(entry.name);
      }
      entries.push(entry);
    }
    if (opts.glibcMax) {
      const chosen = report.install.map((item) => ({
        name: item.metadata.name,
        version: item.metadata.version,
        fileName: decodeURIComponent((item.download_info?.url ?? "").split("/").pop() ?? "")
      }));
      const tooNew = glibcFloorFindings(chosen, opts.glibcMax);
      if (tooNew.length > 0) throw glibcFloorError(tooNew, opts.glibcMax);
    }
    const lock = {
      header: {
        fingerprint: ref.fingerprint,
        python: ref.fields.version_info.slice(0, 3).join("."),
        indexUrls: opts.indexUrls,
        allowSource: [...allowSource].sort()
      },
      entries
    };
    const output = resolve13(opts.output);
    await writeFileAtomic(output, formatLock(lock));
    return {
      output,
      fingerprint: ref.fingerprint,
      cacheDir,
      pipVersion: pip.version,
      entries,
      fromSource: fromSource.sort()
    };
  } finally {
    await rm13(work, { recursive: true, force: true });
  }
}

// src/commands/findings.ts
async function withFindings(json, fn) {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof FindingsError)) throw err;
    error(err.message);
    for (const f of err.findings) {
      process.stderr.write(`  ${f.path}: ${f.message}
    fix: ${f.fix}
`);
    }
    if (json) printJson({ ok: false, error: err.message, findings: err.findings });
    return err.exitCode;
  }
}

// src/commands/lock.ts
var lockCommand = {
  name: "lock",
  summary: "Resolve requirements.in with the interpreter's own pip into a hashed, wheels-only requirements.lock",
  usage: "lock -r requirements.in --interpreter ARTIFACT_OR_DIR --index-url URL... [--allow-source NAME...] [--cache-root DIR] [--glibc-max X.Y] -o requirements.lock [--remote URL [--publish]] [--json]",
  help: `options:
  -r, --requirement FILE   the requirements to resolve (names and version ranges)
  --interpreter X          interpreter.tar.gz (or its --out directory), an installed prefix, or a python
  --index-url URL          PEP 503 index; repeat: the first is the index, the rest extra indexes
  --allow-source NAME      NAME may come from an sdist (built when the env is created); repeatable
  --cache-root DIR         pip cache root (default <store>/cache); pip uses DIR/pip/<fingerprint>
  --glibc-max X.Y          refuse (exit 1) a chosen wheel that needs a newer glibc than X.Y (e.g. 2.17 for
                           manylinux2014 targets): pip picks what fits the build host, not the deploy host.
                           Default: the interpreter's own floor (glibcFloor of its interpreter.json, else the
                           highest GLIBC_x.y its files need)
  -o, --output FILE        where to write the lock (atomically)
${REMOTE_HELP}
                lock accepts them so one option set serves every stage; it builds nothing, so it
                neither fetches from nor publishes to the remote (only the URL is checked)
  --json                   print {output, fingerprint, cacheDir, pip, glibcMax, distributions: [{name, version, sha256}]}

Resolves with pip's installation report (install --dry-run --ignore-installed --report) and
--only-binary :all:, so nothing is built. A package whose wanted version has no wheel for this
interpreter stops the lock with exit 1, naming it, unless it is named in --allow-source.
Exit codes: 0 written · 1 no wheel for a package, or a wheel above --glibc-max · 2 bad input · 3 index unreachable or pip failed.`,
  options: {
    requirement: { type: "string", short: "r" },
    interpreter: { type: "string" },
    "index-url": { type: "string", multiple: true },
    "allow-source": { type: "string", multiple: true },
    "cache-root": { type: "string" },
    "glibc-max": { type: "string" },
    output: { type: "string", short: "o" },
    ...REMOTE_OPTIONS
  },
  async run({ values, json }) {
    const requirements = stringOption(values, "requirement");
    const interpreter = stringOption(values, "interpreter");
    const output = stringOption(values, "output");
    const missing = [!requirements && "-r", !interpreter && "--interpreter", !output && "-o"].filter(Boolean);
    if (missing.length)
      throw new UsageError(`lock needs ${missing.join(", ")}`, `usage: pyhermetic ${lockCommand.usage}`);
    const glibcText = stringOption(values, "glibc-max");
    const glibcMax = glibcText === void 0 ? void 0 : parseGlibcVersion(glibcText);
    if (glibcText !== void 0 && !glibcMax)
      throw new UsageError(`--glibc-max must be a glibc version like 2.17, got '${glibcText}'`);
    await remoteFromOptions(values);
    return withFindings(json, async () => {
      const floor = glibcMax ?? (await interpreterGlibcFloor(await resolveInterpreter(interpreter))).version;
      const r = await createLock({
        requirements,
        interpreter,
        output,
        indexUrls: listOption(values, "index-url"),
        allowSource: listOption(values, "allow-source"),
        cacheRoot: stringOption(values, "cache-root"),
        glibcMax: floor
      });
      if (json) {
        printJson({
          output: r.output,
          fingerprint: r.fingerprint,
          cacheDir: r.cacheDir,
          pip: r.pipVersion,
          glibcMax: floor ?? null,
          fromSource: r.fromSource,
          distributions: r.entries.map((e) => ({ name: e.name, version: e.version, sha256: e.hashes[0] }))
        });
      } else {
        info(
          `locked ${r.entries.length} distribution(s) for interpreter ${r.fingerprint.slice(0, 16)}… into ${r.output}`
        );
        if (r.fromSource.length) info(`from source (allowed): ${r.fromSource.join(", ")}`);
        if (floor)
          info(`every locked wheel fits glibc ${floor}${glibcMax ? "" : " (the interpreter's own floor)"}`);
      }
      return 0;
    });
  }
};

// src/core/deps/envs.ts
import { createHash as createHash12 } from "node:crypto";
import { existsSync as existsSync3, rmSync } from "node:fs";
import { lstat as lstat8, mkdir as mkdir11, mkdtemp as mkdtemp7, readFile as readFile22, rename as rename5, rm as rm15, writeFile as writeFile4 } from "node:fs/promises";
import { basename as basename11, dirname as dirname9, join as join27, resolve as resolve15 } from "node:path";

// src/core/deps/shared-wheels.ts
import { createHash as createHash11 } from "node:crypto";
import { readFile as readFile21, rm as rm14 } from "node:fs/promises";
import { basename as basename10, dirname as dirname8, join as join26 } from "node:path";

// src/core/abi/wheel.ts
var import_yauzl = __toESM(require_yauzl(), 1);
import { basename as basename8 } from "node:path";
var DEFAULT_WHEEL_LIMITS = {
  maxEntries: 1e5,
  maxMemberBytes: 1 << 30,
  maxTotalBytes: 8 * 2 ** 30
};
var S_IFMT = 61440;
var S_IFLNK = 40960;
var MAX_WHEEL_FILE_BYTES = 64 * 1024;
function unsafeEntryName(name) {
  if (name === "") return "empty entry name";
  if (name.includes("\0")) return `entry name with a NUL byte: ${JSON.stringify(name)}`;
  if (name.includes("\\")) return `entry name with a backslash: ${name}`;
  if (name.startsWith("/")) return `absolute entry name: ${name}`;
  if (/^[A-Za-z]:/.test(name)) return `entry name with a drive letter: ${name}`;
  const segments = name.replace(/\/$/, "").split("/");
  if (segments.includes("..")) return `entry name climbs out of the wheel: ${name}`;
  if (segments.some((s) => s === "" || s === ".")) return `entry name with an empty or '.' segment: ${name}`;
  return void 0;
}
var isWheelMetadataFile = (name) => /^[^/]+\.dist-info\/WHEEL$/.test(name);
function openZip(path6) {
  return new Promise((resolve19, reject) => {
    import_yauzl.default.open(
      path6,
      { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, autoClose: true, decodeStrings: true },
      (err, zip) => err ? reject(err) : resolve19(zip)
    );
  });
}
function openEntry(zip, entry) {
  return new Promise(
    (resolve19, reject) => zip.openReadStream(entry, (err, stream) => err ? reject(err) : resolve19(stream))
  );
}
async function readMember(zip, entry) {
  const stream = await openEntry(zip, entry);
  const wheelMeta = isWheelMetadataFile(entry.fileName);
  const chunks = [];
  let head = Buffer.alloc(0);
  let kind = wheelMeta ? "wheel-metadata" : void 0;
  for await (const raw of stream) {
    const chunk = raw;
    if (kind === void 0) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= 4) {
        kind = isElf(head) ? "elf" : "other";
        if (kind === "elf") chunks.push(head);
      }
      continue;
    }
    if (kind !== "other") chunks.push(chunk);
  }
  if (kind === void 0) kind = "other";
  return { kind, data: kind === "other" ? void 0 : Buffer.concat(chunks) };
}
async function readWheel(path6, limits = DEFAULT_WHEEL_LIMITS) {
  const out2 = {
    path: path6,
    fileName: parseWheelFileName(basename8(path6)),
    entries: 0,
    members: [],
    elfs: [],
    problems: []
  };
  let zip;
  try {
    zip = await openZip(path6);
  } catch (err) {
    out2.problems.push(`not a readable zip file: ${err.message}`);
    return out2;
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    out2.problems.push(`${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
    return out2;
  }
  const seen = /* @__PURE__ */ new Set();
  let total = 0;
  try {
    await new Promise((resolve19, reject) => {
      let settled = false;
      const fail3 = (err) => {
        if (settled) return;
        settled = true;
        if (zip.isOpen) zip.close();
        reject(err);
      };
      zip.on("error", fail3);
      zip.on("end", () => {
        if (!settled) {
          settled = true;
          resolve19();
        }
      });
      zip.on("entry", (entry) => {
        handleEntry(entry).then(() => {
          if (!settled) zip.readEntry();
        }, fail3);
      });
      const handleEntry = async (entry) => {
        out2.entries++;
        const name = entry.fileName;
        const bad = unsafeEntryName(name);
        if (bad) throw new Error(bad);
        if (seen.has(name)) throw new Error(`duplicate entry name: ${name} (an installer may take either copy)`);
        seen.add(name);
        if ((entry.externalFileAttributes >>> 16 & S_IFMT) === S_IFLNK)
          throw new Error(`symlink entry: ${name} (wheels hold no symlinks; it could point anywhere)`);
        if (name.endsWith("/")) return;
        out2.members.push(name);
        if (entry.uncompressedSize > limits.maxMemberBytes)
          throw new Error(
            `entry ${name} declares ${entry.uncompressedSize} bytes, more than the per-member limit of ${limits.maxMemberBytes}`
          );
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes)
          throw new Error(
            `the entries declare more than ${limits.maxTotalBytes} bytes in total (a decompression bomb?)`
          );
        let member;
        try {
          member = await readMember(zip, entry);
        } catch (err) {
          throw new Error(`entry ${name}: ${err.message}`);
        }
        if (member.kind === "wheel-metadata" && member.data) {
          if (member.data.length > MAX_WHEEL_FILE_BYTES)
            throw new Error(`${name} is ${member.data.length} bytes, not a WHEEL metadata file`);
          out2.wheelFile = name;
          out2.metadataTags = parseWheelMetadataTags(member.data.toString("utf8"));
        } else if (member.kind === "elf" && member.data) {
          try {
            out2.elfs.push({ name, size: member.data.length, info: parseElf(member.data) });
          } catch (err) {
            if (!(err instanceof ElfFormatError)) throw err;
            out2.elfs.push({ name, size: member.data.length, error: err.message });
          }
        }
      };
      zip.readEntry();
    });
  } catch (err) {
    out2.problems.push(`hostile or broken zip: ${err.message}`);
  }
  return out2;
}

// src/core/deps/audit.ts
import { readdir as readdir11, readFile as readFile20, stat as stat9 } from "node:fs/promises";
import { basename as basename9, dirname as dirname7, join as join25, relative as relative5, resolve as resolve14, sep as sep4 } from "node:path";
var MAX_WALK_ENTRIES = 1e6;
async function findWheels(dir) {
  const out2 = [];
  let visited = 0;
  const walk = async (d) => {
    const entries = await readdir11(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (++visited > MAX_WALK_ENTRIES) return;
      const p = join25(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".whl") && (e.isFile() || e.isSymbolicLink() && await stat9(p).then(
        (s) => s.isFile(),
        () => false
      )))
        out2.push(p);
    }
  };
  await walk(dir);
  return out2.sort();
}
function cacheKeyOf(root, wheelPath) {
  const parts = relative5(root, dirname7(wheelPath)).split(sep4).filter((p) => p !== "");
  const at = parts.lastIndexOf("wheels");
  const key2 = at >= 0 ? parts.slice(at + 1) : basename9(root) === "wheels" ? parts : [];
  return key2.length > 0 ? key2.join("/") : void 0;
}
async function originOf(wheelPath) {
  try {
    const doc = JSON.parse(await readFile20(join25(dirname7(wheelPath), "origin.json"), "utf8"));
    return typeof doc.url === "string" ? doc.url : void 0;
  } catch {
    return void 0;
  }
}
var REMOVE_FIX = "remove this wheel from the cache (delete its cache-key directory) and rebuild it with this interpreter; use pyhermetic env create, which scopes the pip cache per interpreter fingerprint";
function wheelFindings(w, fields, glibcMax) {
  const path6 = w.path;
  const out2 = [];
  for (const p of w.problems) {
    out2.push({
      path: path6,
      message: p,
      fix: "do not install it: delete this file and fetch or build the wheel again from a trusted source"
    });
  }
  if (w.problems.length > 0) return out2;
  if (!w.fileName) {
    out2.push({
      path: path6,
      message: `${basename9(path6)} is not a valid wheel file name ({name}-{version}-{python}-{abi}-{platform}.whl)`,
      fix: "pip would not use it; delete it"
    });
  } else {
    const fit = wheelFits(w.fileName.tags, fields);
    if (!fit.fits) {
      out2.push({
        path: path6,
        message: `its tags (${w.fileName.tags.map(tagText).join(", ")}) do not fit the interpreter (${interpreterTagSummary(fields)}): ${fit.reasons[0]}`,
        fix: `this wheel was built for another interpreter: ${REMOVE_FIX}`
      });
    }
  }
  if (!w.metadataTags) {
    out2.push({
      path: path6,
      message: "no {name}.dist-info/WHEEL file: not a valid wheel",
      fix: "delete it and build the wheel again"
    });
  } else if (w.fileName) {
    const named = new Set(w.fileName.tags.map(tagText));
    const declared = new Set(w.metadataTags.map(tagText));
    const same = named.size === declared.size && [...named].every((t) => declared.has(t));
    if (!same) {
      out2.push({
        path: path6,
        message: `the file name's tags (${[...named].join(", ")}) differ from its WHEEL file's (${[...declared].join(", ")}): the wheel was renamed`,
        fix: "delete it: a renamed wheel claims compatibility it was not built for"
      });
    }
  }
  const staticInterpreter = !fields.Py_ENABLE_SHARED;
  const libpython = fields.Py_ENABLE_SHARED && fields.INSTSONAME ? fields.INSTSONAME : void 0;
  for (const elf of w.elfs) {
    if (elf.error || !elf.info) {
      out2.push({
        path: path6,
        member: elf.name,
        message: `${elf.name}: starts like an ELF file but is not a readable one (${elf.error})`,
        fix: "delete this wheel and build it again"
      });
      continue;
    }
    for (const f of linkageFindings(elf.info, { path: elf.name, staticInterpreter, glibcMax, libpython })) {
      out2.push({ path: path6, member: elf.name, message: `${elf.name}: ${f.message}`, fix: f.fix });
    }
  }
  return out2;
}
async function auditWheels(opts) {
  const root = resolve14(opts.dir);
  const wheels = await findWheels(root);
  const limit = pLimit(opts.concurrency ?? 2);
  const perWheel = await Promise.all(
    wheels.map(
      (path6) => limit(async () => {
        const contents = await readWheel(path6);
        const found = wheelFindings(contents, opts.fields, opts.glibcMax);
        if (found.length === 0) return [];
        const cacheKey = cacheKeyOf(root, path6);
        const source = await originOf(path6);
        return found.map((f) => ({ ...f, wheel: path6, cacheKey, source }));
      })
    )
  );
  const findings = perWheel.flat();
  return { ok: findings.length === 0, wheels: wheels.length, findings };
}

// src/core/interpreter/hostkey.ts
import { machine as osMachine } from "node:os";
var BUILD_RECIPE = 2;
async function compilerLine() {
  for (const cc of ["gcc", "cc"]) {
    const r = await run(cc, ["--version"], { env: scrubbedEnv(), timeoutMs: 3e4 });
    if (r.exitCode === 0) {
      const first = r.stdout.split("\n")[0].trim();
      if (first) return first;
    }
  }
  throw new EnvironmentError("no C compiler found (tried gcc and cc)", "install one: apt-get install build-essential");
}
async function glibcVersion() {
  const header = process.report?.getReport()?.header;
  if (header?.glibcVersionRuntime) return header.glibcVersionRuntime;
  const r = await run("getconf", ["GNU_LIBC_VERSION"], { env: scrubbedEnv(), timeoutMs: 1e4 });
  const m = /glibc\s+(\S+)/.exec(r.stdout);
  if (r.exitCode === 0 && m) return m[1];
  throw new EnvironmentError(
    "cannot determine the glibc version of this machine",
    "pyhermetic builds interpreters on glibc Linux hosts"
  );
}
async function hostKey() {
  const [compiler, glibc] = await Promise.all([compilerLine(), glibcVersion()]);
  return { compiler, glibc, machine: osMachine() };
}
function buildKeyOf(specSha, host) {
  return sha256Hex(canonicalJson({ spec: specSha, host, recipe: BUILD_RECIPE }));
}

// src/core/deps/shared-wheels.ts
import { pathToFileURL } from "node:url";
async function sharedWheelScope(remote, ref, entries, allowSource) {
  return {
    remote,
    fingerprint: ref.fingerprint,
    fields: ref.fields,
    // The wheel must at least run here; the deploy host's floor is verify's business (--glibc-max).
    glibcMax: ref.manifest?.hostKey.glibc ?? (await hostKey()).glibc,
    allowed: entries.filter((e) => allowSource.has(normalizeName(e.name)))
  };
}
function requirementsWithSharedWheels(entries, shared) {
  const direct = entries.flatMap((e) => {
    const w = shared.get(normalizeName(e.name));
    return w ? [`${normalizeName(e.name)} @ ${pathToFileURL(w.path).href} --hash=sha256:${w.sha256}
`] : [];
  });
  return pipRequirements(entries.filter((e) => !shared.has(normalizeName(e.name)))) + direct.join("");
}
function sharedWheelRecords(shared) {
  return [...shared ?? []].map(([name, w]) => ({ name, url: w.url, sha256: w.sha256, sdistSha256: w.sdistSha256 }));
}
var scopeOf = (fingerprint, sdist) => `wheels/${fingerprint}/${sdist}`;
function matches(doc, scope, entry, sdist) {
  const parsed = parseWheelFileName(doc?.wheel?.file ?? "");
  return doc?.kind === "pyhermetic-shared-wheel" && doc.fingerprint === scope.fingerprint && doc.sdistSha256 === sdist && /^[0-9a-f]{64}$/.test(doc.wheel.sha256) && Number.isSafeInteger(doc.wheel.size) && parsed !== void 0 && normalizeName(parsed.distribution) === normalizeName(entry.name) && parsed.version === entry.version;
}
async function audited(path6, url, scope) {
  const findings = wheelFindings(await readWheel(path6), scope.fields, scope.glibcMax).map((f) => ({
    path: url,
    message: f.message,
    fix: `it was not installed. Remove ${dirname8(url)}/ from the remote store (a publisher built it wrongly, or someone placed it there); the next build from the sdist publishes a good one`
  }));
  if (findings.length > 0)
    throw new FindingsError(
      `the shared wheel ${url} fails the cache audit for this interpreter (${findings.length} finding(s)); it was not used`,
      findings
    );
}
async function fetchSharedWheels(scope) {
  const dir = await downloadTemp("pyhermetic-wheels-");
  const wheels = /* @__PURE__ */ new Map();
  try {
    for (const entry of scope.allowed) {
      for (const sdist of entry.hashes) {
        const at = scopeOf(scope.fingerprint, sdist);
        const doc = await scope.remote.getJson(`${at}/wheel.json`, `the shared wheel manifest of ${entry.name}`);
        if (doc === void 0) continue;
        const url = scope.remote.url(`${at}/wheel.json`).href;
        if (!matches(doc, scope, entry, sdist))
          throw new RemoteError(
            `${url} does not describe a wheel of ${entry.name}==${entry.version} built from sdist ${sdist} by interpreter ${scope.fingerprint}`,
            "the remote entry is damaged or foreign: have it removed; nothing was installed"
          );
        const dest = join26(dir, doc.wheel.file);
        await scope.remote.downloadTo(`${at}/${doc.wheel.file}`, doc.wheel, dest);
        await audited(dest, scope.remote.url(`${at}/${doc.wheel.file}`).href, scope);
        info(
          `${entry.name}: using the shared wheel ${doc.wheel.file} (audited) instead of building sdist ${sdist}`
        );
        wheels.set(normalizeName(entry.name), {
          path: dest,
          sha256: doc.wheel.sha256,
          url: scope.remote.url(`${at}/${doc.wheel.file}`).href,
          sdistSha256: sdist
        });
        break;
      }
    }
  } catch (err) {
    await rm14(dir, { recursive: true, force: true });
    throw err;
  }
  return { wheels, done: () => rm14(dir, { recursive: true, force: true }) };
}
async function sdistOf(wheel) {
  try {
    const origin = JSON.parse(await readFile21(join26(dirname8(wheel), "origin.json"), "utf8"));
    const hash = String(origin?.archive_info?.hash ?? "");
    return hash.startsWith("sha256=") ? hash.slice(7) : void 0;
  } catch {
    return void 0;
  }
}
async function publishBuiltWheels(scope, cacheDir) {
  const bySdist = new Map(scope.allowed.flatMap((e) => e.hashes.map((h2) => [h2, e])));
  const written = [];
  for (const wheel of await findWheels(join26(cacheDir, "wheels"))) {
    const sdist = await sdistOf(wheel);
    const entry = sdist ? bySdist.get(sdist) : void 0;
    if (!sdist || !entry) continue;
    const file = basename10(wheel);
    const at = scopeOf(scope.fingerprint, sdist);
    if (await scope.remote.getJson(`${at}/wheel.json`, "the shared wheel manifest")) continue;
    await audited(wheel, wheel, scope);
    const { sha256, size } = await sha256OfFile(wheel);
    const doc = {
      schema: 1,
      kind: "pyhermetic-shared-wheel",
      fingerprint: scope.fingerprint,
      sdistSha256: sdist,
      name: normalizeName(entry.name),
      version: entry.version,
      wheel: { file, sha256, size }
    };
    await scope.remote.putFile(`${at}/${file}`, { path: wheel, sha256, size: doc.wheel.size });
    const bytes = Buffer.from(`${JSON.stringify(doc, null, 2)}
`);
    const r = await scope.remote.putFile(`${at}/wheel.json`, {
      bytes,
      sha256: createHash11("sha256").update(bytes).digest("hex"),
      size: bytes.length
    });
    info(`${r === "created" ? "published" : "already shared:"} ${at}/${file}`);
    written.push(`${at}/${file}`);
  }
  return written;
}

// src/core/deps/envs.ts
var PROBE_PATHS = `
import sys, sysconfig, json
try:
    import pip
    pv = pip.__version__
except Exception:
    pv = None
sys.stdout.write(json.dumps({'prefix': sys.prefix, 'purelib': sysconfig.get_path('purelib'), 'platlib': sysconfig.get_path('platlib'), 'pip': pv}))
`;
async function probePrefix(python) {
  const r = await runPython(python, PROBE_PATHS);
  if (r.exitCode !== 0)
    throw new EnvironmentError(
      `the interpreter copied into the env does not run:
${tail(r.stderr || r.spawnError || "")}`,
      "check the interpreter artifact with `pyhermetic fingerprint`"
    );
  const p = JSON.parse(r.stdout);
  if (!p.pip)
    throw new UsageError(
      "the interpreter has no pip",
      "build it with ensurepip (configure --with-ensurepip=install) so that envs can be installed with its own pip"
    );
  const rel = (abs) => {
    if (!abs.startsWith(`${p.prefix}/`))
      throw new EnvironmentError(
        `site-packages ${abs} is outside the env prefix ${p.prefix}`,
        "use an interpreter whose sysconfig paths are prefix-relative"
      );
    return abs.slice(p.prefix.length + 1);
  };
  return { siteDirs: [rel(p.purelib), rel(p.platlib)], pip: p.pip };
}
async function readLock(lockFile) {
  let bytes;
  try {
    bytes = await readFile22(lockFile);
  } catch (err) {
    throw new UsageError(
      `cannot read the lock ${lockFile} (${err.code ?? err.message})`,
      "make it with `pyhermetic lock`"
    );
  }
  const lock = parseLock(bytes.toString("utf8"), lockFile);
  if (lock.entries.length === 0)
    throw new UsageError(`the lock ${lockFile} pins nothing`, "make it with `pyhermetic lock -r requirements.in …`");
  return { lock, sha256: createHash12("sha256").update(bytes).digest("hex") };
}
function formatArgs(lock, allowSource) {
  if (allowSource.size === 0) return ["--only-binary", ":all:"];
  const binaryOnly = lock.entries.map((e) => normalizeName(e.name)).filter((n2) => !allowSource.has(n2));
  return [...binaryOnly.length ? ["--only-binary", binaryOnly.join(",")] : [], "--prefer-binary"];
}
async function installLock(ctx, tmpRoot, lock, allowSource, shared = /* @__PURE__ */ new Map()) {
  const reqFile = join27(tmpRoot, ".pyhermetic-requirements.txt");
  await writeFile4(reqFile, requirementsWithSharedWheels(lock.entries, shared), { flag: "wx" });
  try {
    const r = await runPip(ctx, "install", [
      ...indexOptions(ctx.indexUrls),
      "--require-hashes",
      "--no-deps",
      ...formatArgs(lock, allowSource),
      "--use-pep517",
      "--no-compile",
      "--no-warn-script-location",
      "--progress-bar",
      "off",
      "-r",
      reqFile
    ]);
    if (r.exitCode === 0) return;
    const mismatched = hashMismatches(r.stderr);
    if (mismatched.length > 0) {
      const findings = mismatched.map((m) => ({
        path: m.requirement,
        message: `the downloaded file's sha256 is ${m.got || "(unknown)"}, the lock expects ${m.expected.join(" or ")} (pip: THESE PACKAGES DO NOT MATCH THE HASHES)`,
        fix: "someone changed the file on the index, or the lock is wrong: investigate before re-locking with `pyhermetic lock`"
      }));
      throw new FindingsError(`hash mismatch: ${mismatched.map((m) => m.requirement).join(", ")}`, findings);
    }
    const missing = missingDistributions(r.stderr);
    if (missing.length > 0) {
      const findings = await explainMissing(ctx.python, ctx.indexUrls, missing);
      if (findings.length > 0) throw missingWheelError(findings);
    }
    throw new EnvironmentError(
      `pip install failed (exit ${r.exitCode ?? r.signal}):
${tail(r.stderr || r.stdout, 30)}`,
      "read pip's output above; the index or a build failed"
    );
  } finally {
    await rm15(reqFile, { force: true });
  }
}
async function pipCheck(ctx) {
  const r = await runPip(ctx, "check", []);
  if (r.exitCode === 0) return;
  const lines = (r.stdout + r.stderr).split("\n").map((l) => l.trim()).filter(Boolean);
  throw new FindingsError(
    `pip check: the locked set is inconsistent (${lines.length} problem(s))`,
    lines.map((l) => ({
      path: l.split(" ")[0],
      message: l,
      fix: "the lock is incomplete or inconsistent: regenerate it with `pyhermetic lock`"
    }))
  );
}
async function exists2(path6) {
  return lstat8(path6).then(
    () => true,
    () => false
  );
}
function allowedNames(opts, lock) {
  return new Set([...opts.allowSource, ...lock.header.allowSource].map(normalizeName));
}
async function publish(tmpRoot, dest, force) {
  if (!await exists2(dest)) {
    await rename5(tmpRoot, dest);
    return;
  }
  if (!force)
    throw new UsageError(
      `${dest} appeared while the env was being created`,
      "pass a DEST that does not exist, or --force to replace it"
    );
  const old = await mkdtemp7(join27(dirname9(dest), `.${basename11(dest)}.pyhermetic-old-`));
  await rename5(dest, join27(old, "env"));
  await rename5(tmpRoot, dest);
  await rm15(old, { recursive: true, force: true });
}
async function createEnv(opts) {
  const dest = resolve15(opts.dest);
  if (!opts.force && await exists2(dest)) {
    throw new UsageError(
      `${dest} already exists; env create never touches an existing directory`,
      "choose a new --dest, or pass --force to replace it (the old tree is swapped out only once the new one is complete)"
    );
  }
  const { lock, sha256: lockSha256 } = await readLock(opts.lockFile);
  const indexUrls = opts.indexUrls.length > 0 ? opts.indexUrls : lock.header.indexUrls;
  if (indexUrls.length === 0)
    throw new UsageError(
      "env create needs --index-url (the lock names none)",
      "pass --index-url URL (repeat it for extra indexes)"
    );
  const ref = await resolveInterpreter(opts.interpreter);
  if (ref.kind === "python") {
    throw new UsageError(
      `--interpreter ${opts.interpreter} is a python executable; an env is a copy of a whole interpreter prefix`,
      "pass the interpreter artifact (interpreter.tar.gz or its --out directory) or the installed prefix directory"
    );
  }
  if (lock.header.fingerprint && lock.header.fingerprint !== ref.fingerprint) {
    throw new UsageError(
      `the lock ${opts.lockFile} was made for interpreter ${lock.header.fingerprint.slice(0, 16)}…, not for ${opts.interpreter} (${ref.fingerprint.slice(0, 16)}…)`,
      `run \`pyhermetic lock --interpreter ${opts.interpreter} …\` to make a lock for this interpreter`
    );
  }
  for (const url of indexUrls) await checkIndexReachable(url);
  const allowSource = allowedNames(opts, lock);
  const cacheRoot = opts.cacheRoot ?? defaultCacheRoot();
  const cacheDir = pipCacheDir(cacheRoot, ref.fingerprint);
  await mkdir11(dirname9(dest), { recursive: true });
  const tempPrefix = `.${basename11(dest)}.pyhermetic-tmp-`;
  for (const name of await sweepDeadTemps(dirname9(dest), tempPrefix))
    info(`removed ${name}, left by a killed env create`);
  const tmpRoot = await mkdtemp7(join27(dirname9(dest), await ownedTempPrefix(tempPrefix)));
  let published = false;
  const onSignal = (signal) => {
    if (killRunningChildren() > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    try {
      for (let pass = 0; pass < 3; pass++) {
        rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        if (!existsSync3(tmpRoot)) break;
      }
    } catch {
      warn(`could not remove ${tmpRoot} completely; the next env create of ${dest} will`);
    }
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const python = await stage(
      ref.kind === "artifact" ? "interpreter: extract once into the cache, copy, verify" : "copy interpreter prefix",
      () => materializeInterpreter(ref, tmpRoot, cacheRoot)
    );
    const paths = await probePrefix(python);
    const ctx = { python, cacheDir, indexUrls };
    const scope = opts.remote ? await sharedWheelScope(opts.remote, ref, lock.entries, allowSource) : void 0;
    const shared = scope ? await fetchSharedWheels(scope) : void 0;
    try {
      await stage(
        `pip install ${lock.entries.length} locked distribution(s)`,
        () => installLock(ctx, tmpRoot, lock, allowSource, shared?.wheels)
      );
    } finally {
      await shared?.done();
    }
    const sharedUsed = sharedWheelRecords(shared?.wheels);
    const manifest = await stage("pip check, verify RECORD hashes, rewrite launchers", async () => {
      const [, dists, verified] = await (async () => {
        const check = pipCheck(ctx);
        check.catch(() => void 0);
        const d = await readDistInfos(tmpRoot, paths.siteDirs);
        const v = await verifyDistributions(tmpRoot, d);
        return [await check, d, v];
      })();
      if (verified.findings.length > 0)
        throw new FindingsError(`RECORD mismatch in ${verified.findings.length} file(s)`, verified.findings);
      const rewritten = await rewriteLaunchers(tmpRoot, basename11(python));
      const rerecorded = await rerecord(tmpRoot, dists, /* @__PURE__ */ new Set([...rewritten, ...verified.launcherRows]));
      const fresh = await verifyDistributions(
        tmpRoot,
        dists.filter((d) => rerecorded.includes(d.recordFile))
      );
      const byName = new Map(fresh.distributions.map((d) => [`${d.name}\0${d.version}`, d]));
      const distributions = verified.distributions.map((d) => byName.get(`${d.name}\0${d.version}`) ?? d);
      const doc = {
        schema: 1,
        kind: "pyhermetic-env",
        interpreter: {
          fingerprint: ref.fingerprint,
          artifactSha256: ref.artifactSha256 ?? null,
          python: python.slice(tmpRoot.length + 1),
          shared: Boolean(ref.fields.Py_ENABLE_SHARED),
          version: ref.fields.version_info.slice(0, 3).join(".")
        },
        lock: { sha256: lockSha256 },
        indexUrls,
        allowSource: [...allowSource].sort(),
        pip: { version: paths.pip },
        distributions,
        launchersRewritten: [.../* @__PURE__ */ new Set([...rewritten, ...verified.launcherRows])].sort(),
        ...sharedUsed.length > 0 ? { sharedWheels: sharedUsed } : {}
      };
      return doc;
    });
    await writeFile4(join27(tmpRoot, ENV_MANIFEST), `${JSON.stringify(manifest, null, 2)}
`, { flag: "wx" });
    await publish(tmpRoot, dest, Boolean(opts.force));
    published = true;
    if (scope?.remote.publish) await publishBuiltWheels(scope, cacheDir);
    return { dest, fingerprint: ref.fingerprint, cacheDir, manifest };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (!published) await rm15(tmpRoot, { recursive: true, force: true });
  }
}

// src/commands/env-create.ts
var envCreateCommand = {
  name: "env create",
  summary: "Create an environment: a copy of the interpreter prefix with the lock installed by hermetic pip",
  usage: "env create --interpreter ARTIFACT_OR_DIR --lock FILE --dest DIR --index-url URL... [--cache-root DIR] [--allow-source NAME...] [--force] [--remote URL [--publish]] [--json]",
  help: `options:
  --interpreter X          interpreter.tar.gz (or its --out directory) or an installed prefix directory
  --lock FILE              requirements.lock from \`pyhermetic lock\` (every line name==version --hash=sha256:…)
  --dest DIR               the env to create; must not exist (see --force)
  --index-url URL          PEP 503 index, repeatable (default: the index-url lines of the lock)
  --cache-root DIR         pip cache root (default <store>/cache); pip uses DIR/pip/<fingerprint>
  --allow-source NAME      NAME may be built from its sdist; repeatable (the lock's allow-source lines count too)
  --force                  replace an existing DEST (swapped out only after the new env is complete)
${REMOTE_HELP}
                With --remote, an allowed sdist whose wheel another agent with this interpreter
                fingerprint built and published is installed from that wheel, after the cache
                audit's checks (a wheel that fails them: exit 1, not installed); with --publish,
                wheels built here from allowed sdists are shared the same way.
  --json                   print {dest, fingerprint, cacheDir, pip, launchersRewritten, distributions: [{name, version}]}

pip runs with its configuration neutralised (PIP_CONFIG_FILE=/dev/null, no inherited PIP_*, --isolated,
python -I), --require-hashes --no-deps --only-binary :all: --no-compile, then pip check. Console scripts get
a relative launcher so the tree can move. DEST/pyhermetic-env.json records the interpreter, the lock,
every distribution and its RECORD-verified file hashes.
Exit codes: 0 created · 1 hash mismatch, no wheel, pip check or RECORD problem · 2 bad input (lock line
without hash, DEST exists) · 3 index unreachable or pip failed.`,
  options: {
    interpreter: { type: "string" },
    lock: { type: "string" },
    dest: { type: "string" },
    "index-url": { type: "string", multiple: true },
    "cache-root": { type: "string" },
    "allow-source": { type: "string", multiple: true },
    force: { type: "boolean" },
    ...REMOTE_OPTIONS
  },
  async run({ values, json }) {
    const interpreter = stringOption(values, "interpreter");
    const lockFile = stringOption(values, "lock");
    const dest = stringOption(values, "dest");
    const missing = [!interpreter && "--interpreter", !lockFile && "--lock", !dest && "--dest"].filter(Boolean);
    if (missing.length)
      throw new UsageError(`env create needs ${missing.join(", ")}`, `usage: pyhermetic ${envCreateCommand.usage}`);
    return withFindings(json, async () => {
      const r = await createEnv({
        interpreter,
        lockFile,
        dest,
        indexUrls: listOption(values, "index-url"),
        allowSource: listOption(values, "allow-source"),
        cacheRoot: stringOption(values, "cache-root"),
        force: values.force === true,
        remote: await remoteFromOptions(values)
      });
      if (json) {
        printJson({
          dest: r.dest,
          fingerprint: r.fingerprint,
          cacheDir: r.cacheDir,
          pip: r.manifest.pip.version,
          launchersRewritten: r.manifest.launchersRewritten ?? [],
          distributions: r.manifest.distributions.map((d) => ({ name: d.name, version: d.version }))
        });
      } else {
        info(
          `created ${r.dest}: ${r.manifest.distributions.length} distribution(s), interpreter ${r.fingerprint.slice(0, 16)}…, pip cache ${r.cacheDir}`
        );
      }
      return 0;
    });
  }
};

// src/commands/pack.ts
var packCommand = {
  name: "pack",
  summary: "Make the production package (deterministic tar.gz) from the tested env and the app",
  usage: "pack --env DIR [--app DIR] --out FILE.tar.gz [--level N] [--json]",
  help: `options:
  --env DIR        the env the tests ran in (made by \`pyhermetic env create\`; has pyhermetic-env.json)
  --app DIR        the application tree; packed under app/ (VCS dirs, caches and pycs left out)
  --out FILE       the package to write (temp file + rename: an interrupted pack leaves no file here)
  --level N        gzip level 0-9 (default 6)
  --json           print {"artifact", "sha256", "files", "size"}

The package's root is the env's prefix (bin/, lib/, …) plus pyhermetic-env.json, app/ (with --app) and
pyhermetic-package.json (every file's sha256, size and mode). No __pycache__ or *.pyc goes in (pyc policy:
see the README). Two packs of the same inputs are byte-identical. A symlink leading outside the tree, a
device, a FIFO or a socket stops the pack with exit 2 naming it.`,
  options: {
    env: { type: "string" },
    app: { type: "string" },
    out: { type: "string" },
    level: { type: "string" }
  },
  async run({ values, json }) {
    const env = stringOption(values, "env");
    const out2 = stringOption(values, "out");
    if (!env || !out2)
      throw new UsageError(
        `pack needs ${!env ? "--env DIR" : "--out FILE.tar.gz"}`,
        `usage: pyhermetic ${packCommand.usage}`
      );
    const levelText = stringOption(values, "level");
    const level = levelText === void 0 ? void 0 : Number(levelText);
    if (level !== void 0 && !(Number.isInteger(level) && level >= 0 && level <= 9)) {
      throw new UsageError(`--level must be an integer from 0 to 9, got '${levelText}'`);
    }
    const result = await stage("pack", () => packEnv({ env, app: stringOption(values, "app"), out: out2, level }));
    if (json) printJson({ artifact: result.artifact, sha256: result.sha256, files: result.files, size: result.size });
    else out(`${result.artifact}
  sha256 ${result.sha256}
  ${result.files} files, ${result.size} bytes`);
    return 0;
  }
};

// src/commands/verify.ts
var SHOWN = 20;
function human2(report) {
  const lines = [`${report.ok ? "ok" : "FINDINGS"}: ${verdictLine(report)}`];
  for (const c3 of report.checks) {
    const state = c3.skipped !== void 0 ? "skipped" : c3.ok ? "ok" : `${c3.findings.length} finding(s)`;
    lines.push(
      `  ${c3.name.padEnd(13)} ${state}${c3.summary ? `  (${c3.summary})` : ""}${c3.skipped ? `  (${c3.skipped})` : ""}`
    );
    for (const f of c3.findings.slice(0, SHOWN)) lines.push(`    ${f.path}: ${f.message}
      fix: ${f.fix}`);
    if (c3.findings.length > SHOWN) lines.push(`    … ${c3.findings.length - SHOWN} more (see the report)`);
  }
  const w = report.whereItRuns;
  if (w) {
    lines.push(`where it runs: glibc ≥ ${w.glibcFloor.version ?? "any"} (${w.glibcFloor.source})`);
    const libs = w.systemLibraries.map((l) => `${l.name}${l.declared ? "" : " (UNDECLARED)"}`);
    lines.push(`  needs from the host besides glibc: ${libs.length ? libs.join(", ") : "nothing"}`);
    for (const r of w.roots)
      lines.push(
        `  ${r.ok ? "runs" : "FAILS"} in ${r.root}${r.sha256 ? ` (sha256 ${r.sha256.slice(0, 16)}…)` : ""} at ${r.deployPath}, glibc ${r.glibc ?? "?"}`
      );
  }
  return lines.join("\n");
}
var verifyCommand = {
  name: "verify",
  summary: "Check that a package is what was tested (interpreter, distributions, files) and will load (linkage, smoke)",
  usage: "verify --artifact FILE.tar.gz --tested DIR [--app DIR] [--report DIR] [--glibc-max X.Y] [--allow-system-lib NAME...] [--root ROOTFS...] [--deploy-path P] [--smoke MODULE...] [--no-smoke] [--json]",
  help: `options:
  --artifact FILE     the package made by \`pyhermetic pack\`
  --tested DIR        the env the tests ran in
  --app DIR           the app tree the tests ran on: compare the package's app/ with it file by file
                      (without it, app/ is checked against the package's own manifest only)
  --report DIR        write report.json, report.html, junit.xml and summary.md there
  --glibc-max X.Y     the glibc floor every ELF file is held to, the interpreter's own included (default: the
                      interpreter's: glibcFloor of its interpreter.json, else the highest GLIBC_x.y its files need)
  --allow-system-lib NAME  a library (soname) the production hosts provide besides glibc's (repeatable); listed
                      in the report as a runtime requirement instead of a finding
  --root ROOTFS       run the package inside this root filesystem (a directory, or a .tar/.tar.gz such as
                      \`docker export\` of the production base image); repeatable, one check per root
  --deploy-path P     where the package is extracted inside the root (default /opt/<package name>)
  --smoke MODULE      import this module too (repeatable); by default every top-level extension module is imported
  --no-default-smoke  import only the --smoke modules
  --no-smoke          skip the import test on this machine (each --root still runs the package inside it)
  --json              print the report (report.json) on stdout

checks: interpreter (fingerprint and artifact), distributions (names, versions, RECORD hashes), files (every
sha256: missing, extra, changed), linkage (every ELF file: libraries from the host, glibc floor), smoke (imports
with env -i from a copy at another path), root: NAME (per --root: the root's loader lists every ELF file, then the
imports run there, as root with unshare -m + chroot over an overlay, unprivileged with bwrap over a copy).
exit codes: 0 clean · 1 findings · 2 bad input, a refused (hostile) archive, a --root that is no root filesystem ·
3 a tool failed`,
  options: {
    artifact: { type: "string" },
    tested: { type: "string" },
    app: { type: "string" },
    report: { type: "string" },
    "glibc-max": { type: "string" },
    "allow-system-lib": { type: "string", multiple: true },
    root: { type: "string", multiple: true },
    "deploy-path": { type: "string" },
    smoke: { type: "string", multiple: true },
    "no-smoke": { type: "boolean" },
    "no-default-smoke": { type: "boolean" }
  },
  async run({ values, json }) {
    const artifact = stringOption(values, "artifact");
    const tested = stringOption(values, "tested");
    if (!artifact || !tested)
      throw new UsageError(
        `verify needs ${!artifact ? "--artifact FILE.tar.gz" : "--tested DIR"}`,
        `usage: pyhermetic ${verifyCommand.usage}`
      );
    const report = await stage(
      "verify",
      () => verifyPackage({
        artifact,
        tested,
        app: stringOption(values, "app"),
        glibcMax: stringOption(values, "glibc-max"),
        allowSystemLibs: listOption(values, "allow-system-lib").flatMap((v) => v.split(",").filter(Boolean)),
        roots: listOption(values, "root"),
        deployPath: stringOption(values, "deploy-path"),
        smoke: listOption(values, "smoke"),
        smokeDefaults: values["no-default-smoke"] !== true,
        skipSmoke: values["no-smoke"] === true
      })
    );
    const reportDir = stringOption(values, "report");
    if (reportDir) {
      const files = await writeReports(report, reportDir);
      info(`report: ${files.html}`);
    }
    if (json) printJson(report);
    else out(human2(report));
    if (!report.ok)
      info(`${findingCount(report)} finding(s): the package is not what was tested, or will not load`);
    return report.ok ? 0 : 1;
  }
};

// src/core/package/diff.ts
import { readFile as readFile23, stat as stat10 } from "node:fs/promises";
import { join as join28, resolve as resolve16 } from "node:path";
async function snapshot(arg) {
  const path6 = resolve16(arg);
  const st = await stat10(path6).catch(() => void 0);
  if (!st)
    throw new UsageError(
      `${arg} does not exist`,
      "pass a package (.tar.gz made by pyhermetic pack) or an env directory (made by pyhermetic env create)"
    );
  if (st.isFile()) {
    const pkg = await readPackage(path6);
    return {
      path: path6,
      kind: "package",
      interpreter: pkg.manifest.env.interpreter,
      distributions: packagedDistributions(pkg).map(({ name, version }) => ({ name, version })),
      files: [...pkg.records.values()].filter((r) => r.path !== PACKAGE_MANIFEST),
      hasApp: pkg.manifest.app !== null
    };
  }
  const packageManifest = await readFile23(join28(path6, PACKAGE_MANIFEST), "utf8").then(
    (t) => JSON.parse(t),
    () => void 0
  );
  if (packageManifest?.kind === "pyhermetic-package") {
    const appPrefix = `${APP_DIR}/`;
    const files2 = await hashTree(path6, {
      include: (rel, isDir) => rel === PACKAGE_MANIFEST ? false : rel.startsWith(appPrefix) ? includeAppPath(rel.slice(appPrefix.length), isDir) : includeEnvPath(rel, isDir),
      transform: (rel, content) => isAppPath(rel) ? void 0 : transformEnvFile(rel, content)
    });
    return {
      path: path6,
      kind: "extracted package",
      interpreter: packageManifest.env.interpreter,
      distributions: packageManifest.env.distributions.map(({ name, version }) => ({ name, version })),
      files: files2,
      hasApp: packageManifest.app !== null
    };
  }
  const env = await readEnvManifest(path6);
  const files = await hashTree(path6, ENV_TREE_OPTIONS);
  return {
    path: path6,
    kind: "env",
    interpreter: env.interpreter,
    distributions: env.distributions.map(({ name, version }) => ({ name, version })),
    files,
    hasApp: false
  };
}
function diffSnapshots(a2, b) {
  const notes = [];
  const interpreter = [];
  for (const field of ["fingerprint", "artifactSha256", "version", "shared", "python"]) {
    if (a2.interpreter[field] !== b.interpreter[field])
      interpreter.push({ field, a: a2.interpreter[field], b: b.interpreter[field] });
  }
  const da = new Map(a2.distributions.map((d) => [normalizeName(d.name), d]));
  const db = new Map(b.distributions.map((d) => [normalizeName(d.name), d]));
  const distributions = { added: [], removed: [], changed: [] };
  for (const [key2, d] of da) {
    const other = db.get(key2);
    if (!other) distributions.removed.push(d);
    else if (other.version !== d.version) distributions.changed.push({ name: d.name, a: d.version, b: other.version });
  }
  for (const [key2, d] of db) if (!da.has(key2)) distributions.added.push(d);
  const compareApp = a2.hasApp && b.hasApp;
  if (a2.hasApp !== b.hasApp) notes.push(`app/ not compared: only ${a2.hasApp ? "A" : "B"} has an app`);
  const tree = compareTrees(a2.files, b.files, (p) => compareApp || !isAppPath(p));
  const files = {
    added: tree.added.map((r) => r.path),
    removed: tree.removed.map((r) => r.path),
    changed: tree.changed.map((c3) => ({ path: c3.path, what: describeChange(c3) }))
  };
  const identical = interpreter.length === 0 && distributions.added.length + distributions.removed.length + distributions.changed.length === 0 && files.added.length + files.removed.length + files.changed.length === 0;
  return {
    identical,
    a: { path: a2.path, kind: a2.kind },
    b: { path: b.path, kind: b.kind },
    interpreter,
    distributions,
    files,
    notes
  };
}
async function diffArtifacts(a2, b) {
  const [sa, sb] = await Promise.all([snapshot(a2), snapshot(b)]);
  return diffSnapshots(sa, sb);
}
function formatDiff(d, maxFiles = 50) {
  const lines = [`A: ${d.a.path} (${d.a.kind})`, `B: ${d.b.path} (${d.b.kind})`];
  if (d.identical) {
    lines.push("identical: same interpreter, same distributions, same files");
  } else {
    if (d.interpreter.length) {
      lines.push("interpreter:");
      for (const i2 of d.interpreter) lines.push(`  ${i2.field}: ${JSON.stringify(i2.a)} → ${JSON.stringify(i2.b)}`);
    }
    const ds = d.distributions;
    if (ds.added.length + ds.removed.length + ds.changed.length) {
      lines.push("distributions:");
      for (const x of ds.added) lines.push(`  + ${x.name} ${x.version}`);
      for (const x of ds.removed) lines.push(`  - ${x.name} ${x.version}`);
      for (const x of ds.changed) lines.push(`  ~ ${x.name} ${x.a} → ${x.b}`);
    }
    const fs = d.files;
    const n2 = fs.added.length + fs.removed.length + fs.changed.length;
    if (n2) {
      lines.push(`files: ${fs.added.length} added, ${fs.removed.length} removed, ${fs.changed.length} changed`);
      const all = [
        ...fs.added.map((p) => `  + ${p}`),
        ...fs.removed.map((p) => `  - ${p}`),
        ...fs.changed.map((c3) => `  ~ ${c3.path}: ${c3.what}`)
      ];
      lines.push(...all.slice(0, maxFiles));
      if (all.length > maxFiles) lines.push(`  … ${all.length - maxFiles} more (use --json for all)`);
    }
  }
  for (const note of d.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

// src/commands/diff.ts
var diffCommand = {
  name: "diff",
  summary: "Show what changed between two packages, or a package and an env (interpreter, distributions, files)",
  usage: "diff A B [--json]",
  help: `A and B are each a package (.tar.gz made by \`pyhermetic pack\`), an env directory (made by
\`pyhermetic env create\`) or an extracted package. An env is hashed the way pack would pack it (pyc policy,
launchers), so a package and the env it was made from are identical.
  --json   print {"identical", "interpreter", "distributions": {added, removed, changed}, "files": {added, removed, changed}, "notes"}
exit codes: 0 identical · 1 different · 2 bad input`,
  options: {},
  positionals: { min: 2, max: 2, names: "A B" },
  async run({ positionals, json }) {
    const result = await diffArtifacts(positionals[0], positionals[1]);
    if (json) printJson(result);
    else out(formatDiff(result));
    return result.identical ? 0 : 1;
  }
};

// src/commands/cache-audit.ts
import { stat as stat11 } from "node:fs/promises";
var USAGE = "cache audit DIR --interpreter ARTIFACT_OR_PYTHON [--glibc-max X.Y] [--json]";
var cacheAuditCommand = {
  name: "cache audit",
  summary: "Find wheels in a pip cache or wheelhouse that must not be given to an interpreter",
  usage: USAGE,
  help: `Opens every *.whl under DIR (a pip cache: wheels live under DIR/wheels/<key>/; or a wheelhouse)
without extracting it, and reads every ELF member. Findings, each naming the wheel, pip's cache key
(the wheel's directory below wheels/) and what to do:
  - an extension that needs libpythonX.Y.so while the interpreter is static (built by a shared one)
  - an absolute (or working-directory relative) RUNPATH/RPATH: a build machine's path
  - a GLIBC_x.y symbol version above the glibc floor
  - tags that do not fit the interpreter (another Python version, ABI, platform or newer glibc)
  - a hostile or broken zip (../ or absolute names, symlink entries, duplicate names, sizes that lie)

options:
  --interpreter X   interpreter.tar.gz (with interpreter.json beside it), its --out directory,
                    an installed prefix, or a python executable
  --glibc-max V     the glibc floor production guarantees, e.g. 2.17 or 2.31 (default: the interpreter's own:
                    glibcFloor of its interpreter.json, else the highest GLIBC_x.y its files need)
  --json            print {ok, interpreter: {fingerprint, ...}, wheels, glibcMax, findings: [...]}

exit codes: 0 no findings · 1 findings · 2 bad arguments · 3 the interpreter could not be probed`,
  options: {
    interpreter: { type: "string" },
    "glibc-max": { type: "string" }
  },
  positionals: { min: 1, max: 1, names: "DIR" },
  async run({ values, positionals, json }) {
    const dir = positionals[0];
    const interpreterArg = stringOption(values, "interpreter");
    if (!interpreterArg)
      throw new UsageError("cache audit needs --interpreter ARTIFACT_OR_PYTHON", `usage: pyhermetic ${USAGE}`);
    const glibcText = stringOption(values, "glibc-max");
    const given = glibcText === void 0 ? void 0 : parseGlibcVersion(glibcText);
    if (glibcText !== void 0 && !given)
      throw new UsageError(
        `--glibc-max must be a glibc version like 2.17 or 2.28, got '${glibcText}'`,
        "pass the oldest glibc of your production hosts (ldd --version shows it)"
      );
    const st = await stat11(dir).catch(() => void 0);
    if (!st)
      throw new UsageError(
        `no such directory: ${dir}`,
        "pass a pip cache directory (pip cache dir shows it) or a wheelhouse"
      );
    if (!st.isDirectory())
      throw new UsageError(
        `${dir} is not a directory`,
        "pass a pip cache directory (pip cache dir shows it) or a wheelhouse"
      );
    const interpreter = await resolveInterpreter(interpreterArg);
    const glibcMax = given ?? (await interpreterGlibcFloor(interpreter)).version;
    if (!glibcMax)
      throw new UsageError(
        `cannot tell the glibc floor of ${interpreterArg}: none of its files needs a versioned glibc symbol`,
        "pass --glibc-max X.Y (the oldest glibc of your production hosts)"
      );
    const d = describe(interpreter.fields);
    info(
      `auditing wheels under ${dir} for ${d.version} ${d.linkage} (${interpreter.fingerprint.slice(0, 12)}), glibc floor ${glibcMax}`
    );
    const result = await auditWheels({ dir, fields: interpreter.fields, glibcMax, concurrency: 2 });
    if (json) {
      printJson({
        ok: result.ok,
        interpreter: { fingerprint: interpreter.fingerprint, version: d.version, linkage: d.linkage },
        dir,
        glibcMax,
        wheels: result.wheels,
        findings: result.findings
      });
    }
    if (result.wheels === 0) warn(`no *.whl files under ${dir}: nothing to audit (is it the right directory?)`);
    let lastWheel = "";
    for (const f of result.findings) {
      if (f.wheel !== lastWheel) {
        lastWheel = f.wheel;
        process.stderr.write(
          `${f.wheel}${f.cacheKey ? `
  cache key: ${f.cacheKey}` : ""}${f.source ? `
  built from: ${f.source}` : ""}
`
        );
      }
      process.stderr.write(`  - ${f.message}
    fix: ${f.fix}
`);
    }
    const bad = new Set(result.findings.map((f) => f.wheel)).size;
    if (result.ok) info(`audited ${result.wheels} wheel(s): no findings`);
    else error(`audited ${result.wheels} wheel(s): ${result.findings.length} finding(s) in ${bad} wheel(s)`);
    return result.ok ? 0 : 1;
  }
};

// src/core/interpreter/source.ts
import { createReadStream as createReadStream7 } from "node:fs";
import { stat as stat12 } from "node:fs/promises";
import { Readable as Readable5 } from "node:stream";
import { fileURLToPath as fileURLToPath6 } from "node:url";

// src/core/store/read-through.ts
async function publishIfAllowed(remote, entry, type, key2) {
  if (!remote) return void 0;
  if (!remote.publish) {
    info(
      `${type}/${key2} not published to ${remote.shown} (pass --publish or set PYHERMETIC_PUBLISH=1 to share it)`
    );
    return void 0;
  }
  const r = await stage(
    `publish ${type}/${key2.slice(0, 16)}… to ${remote.shown}`,
    () => remote.publishEntry(entry, type, key2)
  );
  info(r === "existed" ? `the remote already holds ${type}/${key2}` : `published ${type}/${key2}`);
  return r;
}
async function obtainEntry(store, remote, type, key2, build, requiredFiles = []) {
  const local = await store.entry(type, key2);
  if (local) {
    const published = remote?.publish ? await publishIfAllowed(remote, local, type, key2) : void 0;
    return { entry: local, from: "local", published };
  }
  const lock = await store.lock(
    type,
    key2,
    () => info(`another process is obtaining ${type}/${key2.slice(0, 16)}… into this store; waiting for it`)
  );
  try {
    const again = await store.entry(type, key2);
    if (again) {
      const published = remote?.publish ? await publishIfAllowed(remote, again, type, key2) : void 0;
      return { entry: again, from: "local", published };
    }
    if (remote) {
      const fetched = await stage(
        `fetch ${type}/${key2.slice(0, 16)}… from ${remote.shown}`,
        () => remote.fetchEntry(store, type, key2, requiredFiles)
      );
      if (fetched) return { entry: fetched, from: "remote" };
      info(`${remote.shown} does not hold ${type}/${key2}: building it here`);
    }
    const built = await build();
    return { entry: built, from: "build", published: await publishIfAllowed(remote, built, type, key2) };
  } finally {
    await lock.release();
  }
}
async function obtainBlob(store, remote, sha256) {
  const local = await store.blob(sha256);
  if (local || !remote) return local;
  const fetched = await remote.fetchBlob(store, sha256);
  if (fetched) info(`blob ${sha256} fetched from ${remote.shown}`);
  return fetched;
}

// src/core/interpreter/source.ts
var SourceMismatchError = class extends EnvironmentError {
};
var HEADERS_TIMEOUT_MS = 3e4;
async function openUrl(url) {
  const u2 = new URL(url);
  if (u2.protocol === "file:") {
    const path6 = fileURLToPath6(u2);
    const st = await stat12(path6).catch((err) => {
      throw new Error(err.code === "ENOENT" ? "no such file" : err.code ?? err.message);
    });
    if (!st.isFile()) throw new Error("not a regular file");
    return createReadStream7(path6);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HEADERS_TIMEOUT_MS);
  let res;
  try {
    res = await fetch(url, { signal: controller.signal, redirect: "follow" });
  } catch (err) {
    const cause = err.cause;
    throw new Error(
      controller.signal.aborted ? `no answer within ${HEADERS_TIMEOUT_MS / 1e3} s` : cause?.code ?? cause?.message ?? err.message
    );
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => void 0);
    throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
  }
  return Readable5.fromWeb(res.body);
}
async function ensureSource(store, spec, onTry, remote) {
  const want = spec.source.sha256;
  const have = await store.blob(want);
  if (have) return { path: have, sha256: want, from: "store" };
  const shared = remote ? await obtainBlob(store, remote, want) : void 0;
  if (shared) return { path: shared, sha256: want, from: remote.shown };
  const tried = [];
  for (const url of spec.source.urls) {
    onTry?.(url);
    let stream;
    try {
      stream = await openUrl(url);
    } catch (err) {
      tried.push(`${url}: ${err.message}`);
      continue;
    }
    try {
      const put = await store.putBlob(stream, want);
      return { path: put.path, sha256: want, from: url };
    } catch (err) {
      if (err instanceof HashMismatchError) {
        throw new SourceMismatchError(
          `${url} served other bytes than the spec pins: expected sha256 ${want}, got ${err.actual} (${err.size} bytes); nothing was stored`,
          "do not use that URL until you know why (a changed release, a captive portal, a tampered mirror); if the spec's sha256 is wrong, fix it in python.json"
        );
      }
      tried.push(`${url}: ${err.message} (while downloading)`);
    }
  }
  const list = tried.length > 0 ? tried.map((t) => `  ${t}`).join("\n") : "  (the spec lists no source.urls)";
  throw new EnvironmentError(
    `the CPython source ${want} is not in the store ${store.root} and no URL could be read:
${list}`,
    "on a machine without network, copy the tarball here and run: pyhermetic source import Python-X.Y.Z.tgz --store <the same store>"
  );
}
async function importSource(store, file, expected) {
  const st = await stat12(file).catch(() => void 0);
  if (!st?.isFile())
    throw new UsageError(`no such file: ${file}`, "pass the path of a source tarball, e.g. Python-3.11.2.tgz");
  try {
    return await store.putBlob(file, expected);
  } catch (err) {
    if (err instanceof HashMismatchError) {
      throw new UsageError(
        `${file} has sha256 ${err.actual}, not the expected ${err.expected}; nothing was stored`,
        "import the tarball the spec pins"
      );
    }
    throw err;
  }
}

// src/commands/source-import.ts
var sourceImportCommand = {
  name: "source import",
  summary: "Store a local source tarball by its sha256 (offline mirrors, air-gapped agents)",
  usage: "source import FILE [--sha256 HEX] [--store DIR] [--remote URL --publish] [--json]",
  help: `options:
  --sha256 HEX   refuse the file unless it has this sha256 (nothing is stored then)
  --store DIR    the store (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)
${REMOTE_HELP}
  --json         print {"sha256", "size", "path", "existed"} (+ "published" with --remote --publish)

\`interpreter build\` looks the spec's source.sha256 up in the store before it tries any URL, so an
imported tarball makes a build work without network.`,
  options: { store: { type: "string" }, sha256: { type: "string" }, ...REMOTE_OPTIONS },
  positionals: { min: 1, max: 1, names: "FILE" },
  async run({ values, positionals, json }) {
    const expected = stringOption(values, "sha256");
    if (expected !== void 0 && !/^[0-9a-f]{64}$/.test(expected)) {
      throw new UsageError(`--sha256 must be 64 lowercase hex digits, got '${expected}'`);
    }
    const store = await Store.open(stringOption(values, "store"), {
      onSweep: (p) => info(`swept ${p.length} leftover temp(s) of killed runs`)
    });
    const remote = await remoteFromOptions(values);
    const r = await importSource(store, positionals[0], expected);
    const published = remote?.publish ? await remote.publishBlob(r.path, r.sha256, r.size) : void 0;
    if (json) printJson({ sha256: r.sha256, size: r.size, path: r.path, existed: r.existed, published });
    else {
      out(`${r.existed ? "already stored" : "stored"} ${r.sha256} (${r.size} bytes) at ${r.path}`);
      if (published) out(`${published === "created" ? "published to" : "already on"} ${remote.shown}`);
    }
    return 0;
  }
};

// src/core/interpreter/interpreter.ts
import { mkdir as mkdir13, readFile as readFile26 } from "node:fs/promises";
import { join as join31 } from "node:path";

// src/core/interpreter/build.ts
import { cpus as cpus2 } from "node:os";
import { appendFile, lstat as lstat9, mkdir as mkdir12, readdir as readdir12, rename as rename6, rm as rm16, writeFile as writeFile5 } from "node:fs/promises";
import { join as join29 } from "node:path";
var BUILD_ROOT = "/tmp/pyhermetic-build";
var prefixFor = (spec) => `/opt/pyhermetic/cpython-${spec.version}`;
var SOURCE_DATE_EPOCH = "315532800";
var ORIGIN_RPATH_ARG = "LDFLAGS_NODIST=-Wl,-rpath,\\$$ORIGIN/../lib";
var MODULE_PACKAGES = {
  ssl: "libssl-dev",
  _ssl: "libssl-dev",
  hashlib: "libssl-dev",
  _hashlib: "libssl-dev",
  sqlite3: "libsqlite3-dev",
  _sqlite3: "libsqlite3-dev",
  lzma: "liblzma-dev",
  _lzma: "liblzma-dev",
  bz2: "libbz2-dev",
  _bz2: "libbz2-dev",
  ctypes: "libffi-dev",
  _ctypes: "libffi-dev",
  zlib: "zlib1g-dev",
  readline: "libreadline-dev",
  uuid: "uuid-dev",
  _uuid: "uuid-dev",
  dbm: "libgdbm-dev",
  _gdbm: "libgdbm-dev",
  "dbm.gnu": "libgdbm-dev",
  curses: "libncurses-dev",
  _curses: "libncurses-dev",
  tkinter: "tk-dev",
  _tkinter: "tk-dev"
};
async function ensureBuildRoot() {
  await mkdir12(BUILD_ROOT, { recursive: true, mode: 493 });
  const st = await lstat9(BUILD_ROOT);
  const uid = process.getuid?.();
  if (!st.isDirectory() || uid !== void 0 && st.uid !== uid || (st.mode & 18) !== 0) {
    throw new EnvironmentError(
      `${BUILD_ROOT} is not a directory of your own that only you can write (owner uid ${st.uid}, mode ${(st.mode & 4095).toString(8)})`,
      `pyhermetic builds at this fixed path for reproducible bytes; remove it or have its owner build (rm -rf ${BUILD_ROOT})`
    );
  }
}
function buildEnv(buildDir) {
  return scrubbedEnv({
    HOME: join29(buildDir, "home"),
    SOURCE_DATE_EPOCH,
    LC_ALL: "C",
    LANG: "C",
    TZ: "UTC",
    PYTHONHASHSEED: "0",
    PIP_CONFIG_FILE: "/dev/null",
    PIP_NO_INPUT: "1",
    PIP_DISABLE_PIP_VERSION_CHECK: "1",
    TMPDIR: join29(buildDir, "tmp"),
    TERM: void 0,
    USER: void 0,
    LOGNAME: void 0,
    SHELL: void 0
  });
}
async function step(name, workers, cmd, cwd, env, logPath) {
  return stage(name, async () => {
    const started = Date.now();
    const beat = setInterval(() => info(`   ${name}: still running, ${seconds(Date.now() - started)}`), 6e4);
    let r;
    try {
      await appendFile(logPath, `
==== ${name}: ${cmd.join(" ")}
`);
      r = await run("flock", ["-s", workers, ...cmd], { cwd, env });
    } finally {
      clearInterval(beat);
    }
    await appendFile(logPath, `${r.stdout}
---- stderr
${r.stderr}
`);
    if (r.spawnError) {
      throw new EnvironmentError(
        `${name}: could not start flock (${r.spawnError})`,
        "install util-linux, which provides flock"
      );
    }
    if (r.exitCode !== 0) {
      const lines = tail(`${r.stdout}
${r.stderr}`, 25).replace(/^/gm, "    ");
      throw new EnvironmentError(
        `${name} failed (exit ${r.exitCode ?? r.signal}); the last lines:
${lines}
the whole log: ${logPath}`,
        "read the log; a missing compiler or header is fixed with apt-get install build-essential and the -dev packages (libssl-dev, zlib1g-dev, libffi-dev, libsqlite3-dev, liblzma-dev, libbz2-dev)"
      );
    }
    return r;
  });
}
async function waitForOrphans(workers) {
  const probe = await run("flock", ["-n", "-x", workers, "true"]);
  if (probe.exitCode === 0) return;
  info(`processes of an interrupted build still hold ${workers}; waiting for them to exit`);
  const r = await run("flock", ["-x", workers, "true"]);
  if (r.exitCode !== 0) throw new EnvironmentError(`could not lock ${workers}: ${r.stderr.trim()}`);
}
async function compileInterpreter(spec, sourceTarball, buildKey) {
  await ensureBuildRoot();
  const buildDir = join29(BUILD_ROOT, buildKey);
  const lock = await acquireFileLock(
    `${buildDir}.lock`,
    () => info(`another build of key ${buildKey} is running on this machine (${buildDir}); waiting for it`)
  );
  try {
    const workers = `${buildDir}.workers`;
    await waitForOrphans(workers);
    await rm16(buildDir, { recursive: true, force: true });
    await mkdir12(join29(buildDir, "home"), { recursive: true });
    await mkdir12(join29(buildDir, "tmp"), { recursive: true });
    const logPath = join29(buildDir, "build.log");
    await writeFile5(logPath, `pyhermetic build of ${spec.name} ${spec.version} (key ${buildKey})
`);
    const src = join29(buildDir, "src");
    await stage("extract source", async () => {
      const unpacked = join29(buildDir, "unpacked");
      await extractTarGz(sourceTarball, unpacked);
      const top = await readdir12(unpacked);
      if (top.length !== 1)
        throw new UsageError(
          `the source tarball ${sourceTarball} does not hold one top directory (found ${top.length})`,
          "use a CPython release tarball"
        );
      await rename6(join29(unpacked, top[0]), src);
      await rm16(unpacked, { recursive: true });
      if (!await lstat9(join29(src, "configure")).then(
        (s) => s.isFile(),
        () => false
      )) {
        throw new UsageError(
          `the source tarball ${sourceTarball} has no configure script at ${top[0]}/configure`,
          "use a CPython release tarball"
        );
      }
    });
    const env = buildEnv(buildDir);
    const prefix = prefixFor(spec);
    const args = [
      `--prefix=${prefix}`,
      spec.configure.shared ? "--enable-shared" : "--disable-shared",
      ...spec.configure.args
    ];
    if (spec.configure.shared) args.push(ORIGIN_RPATH_ARG);
    const jobs = Math.max(1, Math.min(cpus2().length, 2));
    await step("configure", workers, ["./configure", ...args], src, env, logPath);
    await step(`make -j${jobs}`, workers, ["make", `-j${jobs}`], src, env, logPath);
    const destdir = join29(buildDir, "destdir");
    await step("make install", workers, ["make", "install", `DESTDIR=${destdir}`], src, env, logPath);
    const staged = join29(destdir, prefix.replace(/^\/+/, ""));
    const [major, minor] = spec.version.split(".");
    const python = `bin/python${major}.${minor}`;
    return {
      prefix: staged,
      python,
      buildDir,
      logPath,
      async done() {
        await rm16(buildDir, { recursive: true, force: true });
        await lock.release();
      }
    };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
var SELF_CHECK = `
import importlib, json, sys
bad = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except BaseException as e:
        bad[name] = type(e).__name__ + ': ' + str(e)
v = sys.version_info
sys.stdout.write(json.dumps({'bad': bad, 'version': '%d.%d.%d' % (v[0], v[1], v[2]), 'rl': v[3], 'serial': v[4]}) + '\\n')
`;
async function selfCheck(spec, python) {
  await stage("self-check", async () => {
    const r = await run(python, ["-I", "-B", "-c", SELF_CHECK, ...spec.requireModules], {
      cwd: "/",
      env: scrubbedEnv(),
      timeoutMs: 12e4
    });
    let doc;
    try {
      doc = JSON.parse(r.stdout.trim().split("\n").pop() ?? "");
    } catch {
      throw new EnvironmentError(
        `the built interpreter ${python} does not run (exit ${r.exitCode ?? r.signal}):
${tail(r.stderr, 15)}`,
        "read the build log; a shared build that cannot find libpython points at a linker problem"
      );
    }
    const rl = { alpha: "a", beta: "b", candidate: "rc", final: "" }[doc.rl] ?? doc.rl;
    const actual = `${doc.version}${rl ? `${rl}${doc.serial}` : ""}`;
    if (actual !== spec.version) {
      throw new UsageError(
        `the source tarball built CPython ${actual}, but the spec's version says ${spec.version}`,
        "make version and source.sha256 in python.json name the same release"
      );
    }
    const missing = Object.entries(doc.bad);
    if (missing.length > 0) {
      const lines = missing.map(
        ([m, why]) => `  ${m}: ${why}${MODULE_PACKAGES[m] ? ` — install ${MODULE_PACKAGES[m]}` : ""}`
      );
      const pkgs = [...new Set(missing.map(([m]) => MODULE_PACKAGES[m]).filter(Boolean))];
      throw new EnvironmentError(
        `the built interpreter cannot import ${missing.map(([m]) => m).join(", ")} (listed in requireModules):
${lines.join("\n")}`,
        pkgs.length > 0 ? `install the build dependencies and build again: apt-get install ${pkgs.join(" ")}` : "install the library the module needs (see the build log) and build again"
      );
    }
  });
}

// src/core/interpreter/spec.ts
import { readFile as readFile24 } from "node:fs/promises";
var TOP_FIELDS = ["name", "version", "source", "configure", "requireModules"];
var SOURCE_FIELDS = ["sha256", "urls"];
var CONFIGURE_FIELDS = ["shared", "args"];
var VERSION_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)((a|b|rc)(0|[1-9]\d*))?$/;
var SHA256_RE3 = /^[0-9a-f]{64}$/;
var MODULE_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
var RESERVED_ARGS = [
  { re: /^--prefix(=|$)/, why: "pyhermetic sets the prefix itself (a fixed path, so two builds give the same bytes)" },
  { re: /^--exec-prefix(=|$)/, why: "pyhermetic sets the prefix itself; the artifact is one prefix" },
  {
    re: /^--(enable|disable)-shared(=|$)/,
    why: "say shared or static with configure.shared (true or false), not in args"
  },
  { re: /^LDFLAGS_NODIST=/, why: "pyhermetic sets LDFLAGS_NODIST for the relocatable $ORIGIN rpath of shared builds" }
];
var SpecError = class extends UsageError {
};
function typeName2(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v} (${JSON.stringify(v)})`;
}
var isObject2 = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function validateSpec(doc, where = "python.json") {
  const problems = [];
  const bad = (field, what) => problems.push(`${field}: ${what}`);
  if (!isObject2(doc))
    throw new SpecError(`${where}: the spec must be a JSON object, got ${typeName2(doc)}`, EXAMPLE_HINT);
  for (const k of Object.keys(doc))
    if (!TOP_FIELDS.includes(k)) bad(k, `unknown field (known: ${TOP_FIELDS.join(", ")})`);
  if (doc.name === void 0) bad("name", 'missing; write "name": "cpython"');
  else if (doc.name !== "cpython") bad("name", `must be "cpython", got ${typeName2(doc.name)}`);
  if (doc.version === void 0) bad("version", 'missing; write the CPython release, e.g. "3.11.2"');
  else if (typeof doc.version !== "string" || !VERSION_RE.test(doc.version)) {
    bad("version", `must be a CPython release like "3.11.2" or "3.12.0rc1", got ${typeName2(doc.version)}`);
  }
  const urls = [];
  let sha = "";
  if (doc.source === void 0) bad("source", 'missing; write {"sha256": "<64 hex digits>", "urls": [...]}');
  else if (!isObject2(doc.source)) bad("source", `must be an object, got ${typeName2(doc.source)}`);
  else {
    for (const k of Object.keys(doc.source))
      if (!SOURCE_FIELDS.includes(k)) bad(`source.${k}`, `unknown field (known: ${SOURCE_FIELDS.join(", ")})`);
    const s = doc.source.sha256;
    if (s === void 0)
      bad("source.sha256", "missing; the source tarball is pinned by its sha256 (sha256sum Python-X.Y.Z.tgz)");
    else if (typeof s !== "string" || !SHA256_RE3.test(s))
      bad("source.sha256", `must be 64 lowercase hex digits, got ${typeName2(s)}`);
    else sha = s;
    const u2 = doc.source.urls;
    if (u2 !== void 0 && !Array.isArray(u2)) bad("source.urls", `must be an array of URLs, got ${typeName2(u2)}`);
    else if (Array.isArray(u2)) {
      for (const [i2, url] of u2.entries()) {
        if (typeof url !== "string") {
          bad(`source.urls[${i2}]`, `must be a string, got ${typeName2(url)}`);
          continue;
        }
        let parsed;
        try {
          parsed = new URL(url);
        } catch {
          bad(`source.urls[${i2}]`, `not a URL: ${JSON.stringify(url)}`);
          continue;
        }
        if (!["http:", "https:", "file:"].includes(parsed.protocol)) {
          bad(`source.urls[${i2}]`, `scheme ${parsed.protocol} is not supported (http, https, file)`);
          continue;
        }
        urls.push(url);
      }
    }
  }
  let shared = false;
  const args = [];
  if (doc.configure === void 0)
    bad("configure", 'missing; write {"shared": false, "args": []} (shared has no default)');
  else if (!isObject2(doc.configure)) bad("configure", `must be an object, got ${typeName2(doc.configure)}`);
  else {
    for (const k of Object.keys(doc.configure))
      if (!CONFIGURE_FIELDS.includes(k)) bad(`configure.${k}`, `unknown field (known: ${CONFIGURE_FIELDS.join(", ")})`);
    const sh = doc.configure.shared;
    if (sh === void 0)
      bad(
        "configure.shared",
        "missing; it has no default on purpose: write true (--enable-shared) or false (static libpython)"
      );
    else if (typeof sh !== "boolean") bad("configure.shared", `must be true or false, got ${typeName2(sh)}`);
    else shared = sh;
    const a2 = doc.configure.args;
    if (a2 !== void 0 && !Array.isArray(a2)) bad("configure.args", `must be an array of strings, got ${typeName2(a2)}`);
    else if (Array.isArray(a2)) {
      for (const [i2, arg] of a2.entries()) {
        if (typeof arg !== "string") {
          bad(`configure.args[${i2}]`, `must be a string, got ${typeName2(arg)}`);
          continue;
        }
        const reserved = RESERVED_ARGS.find((r) => r.re.test(arg));
        if (reserved) {
          bad(`configure.args[${i2}]`, `${JSON.stringify(arg)} is not allowed: ${reserved.why}`);
          continue;
        }
        args.push(arg);
      }
    }
  }
  const requireModules = [];
  const rm18 = doc.requireModules;
  if (rm18 !== void 0 && !Array.isArray(rm18))
    bad("requireModules", `must be an array of module names, got ${typeName2(rm18)}`);
  else if (Array.isArray(rm18)) {
    for (const [i2, m] of rm18.entries()) {
      if (typeof m !== "string" || !MODULE_RE.test(m)) {
        bad(`requireModules[${i2}]`, `must be a module name like "ssl", got ${typeName2(m)}`);
        continue;
      }
      requireModules.push(m);
    }
  }
  if (problems.length > 0) {
    throw new SpecError(
      `${where}: invalid interpreter spec:
${problems.map((p) => `  ${p}`).join("\n")}`,
      EXAMPLE_HINT
    );
  }
  return {
    name: "cpython",
    version: doc.version,
    source: { sha256: sha, urls },
    configure: { shared, args },
    requireModules
  };
}
var EXAMPLE_HINT = `fix the field(s) named above; a complete spec looks like:
{
  "name": "cpython",
  "version": "3.11.2",
  "source": { "sha256": "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849",
              "urls": ["https://www.python.org/ftp/python/3.11.2/Python-3.11.2.tgz"] },
  "configure": { "shared": false, "args": ["--with-ensurepip=install"] },
  "requireModules": ["ssl", "zlib", "ctypes", "sqlite3", "lzma", "bz2"]
}`;
async function loadSpec(file) {
  let text;
  try {
    text = await readFile24(file, "utf8");
  } catch (err) {
    throw new SpecError(
      `cannot read the spec ${file}: ${err.code ?? err.message}`,
      "pass --spec with the path of a python.json"
    );
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new SpecError(`${file} is not valid JSON: ${err.message}`, "fix the JSON syntax");
  }
  return validateSpec(doc, file);
}
function specIdentity(spec) {
  return { ...spec, source: { sha256: spec.source.sha256 } };
}
function specSha256(spec) {
  return sha256Hex(canonicalJson(specIdentity(spec)));
}

// src/core/interpreter/reproducible.ts
import { lstat as lstat10, readdir as readdir13, readFile as readFile25, rm as rm17, writeFile as writeFile6 } from "node:fs/promises";
import { join as join30 } from "node:path";
var NON_REPRODUCIBLE = [];
async function listTree(root, rel = "") {
  const out2 = /* @__PURE__ */ new Set();
  for (const d of await readdir13(join30(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    out2.add(p);
    if (d.isDirectory()) for (const q of await listTree(root, p)) out2.add(q);
  }
  return out2;
}
async function removeNewPaths(root, before) {
  const now = await listTree(root);
  const added = [...now].filter((p) => !before.has(p)).sort((a2, b) => a2.length - b.length);
  const removed = [];
  for (const p of added) {
    if (removed.some((r) => p.startsWith(`${r}/`))) continue;
    await rm17(join30(root, p), { recursive: true, force: true });
    removed.push(p);
  }
  return removed;
}
async function fixMissingShebangTargets(prefix, configuredPrefix, python) {
  const bin = join30(prefix, "bin");
  for (const name of await readdir13(bin)) {
    const file = join30(bin, name);
    const st = await lstat10(file);
    if (!st.isFile() || st.size < 4) continue;
    const content = await readFile25(file);
    const nl = content.indexOf(10);
    const first = content.subarray(0, nl === -1 ? content.length : nl).toString("utf8");
    const m = /^#!(\S+)(.*)$/.exec(first);
    if (!m?.[1].startsWith(`${configuredPrefix}/bin/`)) continue;
    const target = m[1].slice(configuredPrefix.length + 1);
    if (await lstat10(join30(prefix, target)).then(
      () => true,
      () => false
    ))
      continue;
    const fixed = Buffer.concat([
      Buffer.from(`#!${configuredPrefix}/${python}${m[2]}`),
      content.subarray(first.length)
    ]);
    await writeFile6(file, fixed, { mode: st.mode & 4095 });
  }
}
async function prepareForPacking(prefix, configuredPrefix, python) {
  await fixMissingShebangTargets(prefix, configuredPrefix, python);
  return rewriteLaunchers(prefix);
}

// src/core/interpreter/interpreter.ts
var ARTIFACT = "interpreter.tar.gz";
var ENTRY_TYPE = "interpreters";
async function fromEntry(entry) {
  const manifest = JSON.parse(await readFile26(join31(entry.dir, INTERPRETER_MANIFEST), "utf8"));
  const sha256 = entry.manifest.files[ARTIFACT]?.sha256;
  if (!sha256 || !entry.manifest.files[INTERPRETER_MANIFEST]) {
    throw new CorruptEntryError(
      `entries/${ENTRY_TYPE}/${entry.manifest.key}`,
      `it lacks ${ARTIFACT} or ${INTERPRETER_MANIFEST}`
    );
  }
  return { manifest, sha256 };
}
async function buildInterpreter(store, spec, opts = {}) {
  const specHash = specSha256(spec);
  const host = await hostKey();
  const key2 = buildKeyOf(specHash, host);
  info(`spec sha256 ${specHash}`);
  info(`build key ${key2} (${host.compiler}; glibc ${host.glibc}; ${host.machine})`);
  if (opts.outDir) {
    await mkdir13(opts.outDir, { recursive: true }).catch((err) => {
      throw new UsageError(
        `cannot create the --out directory ${opts.outDir}: ${err.message}`,
        "pass a writable directory"
      );
    });
  }
  const { entry, from, published } = await obtainEntry(
    store,
    opts.remote,
    ENTRY_TYPE,
    key2,
    () => buildAndStore(store, spec, specHash, host, key2, opts.remote),
    [ARTIFACT, INTERPRETER_MANIFEST]
  );
  const cached = from !== "build";
  const { manifest, sha256 } = await fromEntry(entry);
  if (from === "local") info(`store hit: ${entry.dir}`);
  let artifact = join31(entry.dir, ARTIFACT);
  if (opts.outDir) {
    artifact = await copyFileAtomic(join31(entry.dir, ARTIFACT), join31(opts.outDir, ARTIFACT));
    await copyFileAtomic(join31(entry.dir, INTERPRETER_MANIFEST), join31(opts.outDir, INTERPRETER_MANIFEST));
  }
  return {
    key: key2,
    specSha256: specHash,
    fingerprint: manifest.fingerprint,
    artifact,
    sha256,
    cached,
    from,
    published,
    manifest
  };
}
async function buildAndStore(store, spec, specHash, host, key2, remote) {
  const source = await stage("source", async () => {
    const s = await ensureSource(store, spec, (url) => info(`fetching ${url}`), remote);
    info(`source ${s.sha256} from ${s.from}`);
    return s;
  });
  const compiled = await compileInterpreter(spec, source.path, key2);
  try {
    const python = join31(compiled.prefix, compiled.python);
    const installed = await listTree(compiled.prefix);
    await selfCheck(spec, python);
    const fp = await fingerprintPython(python);
    info(`fingerprint ${fp.fingerprint}`);
    const strays = await removeNewPaths(compiled.prefix, installed);
    if (strays.length > 0)
      info(
        `removed ${strays.length} path(s) written by running the interpreter (${strays.slice(0, 3).join(", ")}${strays.length > 3 ? ", …" : ""})`
      );
    const launchers = await prepareForPacking(compiled.prefix, prefixFor(spec), compiled.python);
    info(`relative launchers for ${launchers.join(", ") || "no scripts"}`);
    const tarPath = join31(compiled.buildDir, ARTIFACT);
    let manifestBytes2;
    const written = await stage(
      "artifact",
      () => writeDeterministicTarGz(compiled.prefix, tarPath, {
        trailer: (files) => {
          const manifest = {
            schema: 1,
            kind: "pyhermetic-interpreter",
            spec,
            specSha256: specHash,
            sourceSha256: spec.source.sha256,
            hostKey: host,
            buildKey: key2,
            fingerprint: fp.fingerprint,
            fields: fp.fields,
            python: compiled.python,
            configuredPrefix: prefixFor(spec),
            files,
            ...NON_REPRODUCIBLE.length > 0 ? { nonReproducible: NON_REPRODUCIBLE } : {}
          };
          manifestBytes2 = Buffer.from(`${JSON.stringify(manifest, null, 2)}
`);
          return { [INTERPRETER_MANIFEST]: manifestBytes2 };
        }
      })
    );
    info(
      `artifact sha256 ${written.sha256} (${(written.size / 1024 / 1024).toFixed(1)} MiB, ${written.files.length} files)`
    );
    const entry = await store.putEntry(
      ENTRY_TYPE,
      key2,
      { [ARTIFACT]: tarPath, [INTERPRETER_MANIFEST]: manifestBytes2 },
      { [ARTIFACT]: written.sha256 }
    );
    await compiled.done();
    return entry;
  } catch (err) {
    await compiled.done().catch(() => void 0);
    throw err;
  }
}

// src/commands/interpreter-build.ts
var interpreterBuildCommand = {
  name: "interpreter build",
  summary: "Build (or find in the store) the CPython interpreter artifact a python.json spec describes",
  usage: "interpreter build --spec python.json [--store DIR] [--out DIR] [--remote URL [--publish]] [--json]",
  help: `options:
  --spec FILE   the interpreter spec (python.json): name, version, source {sha256, urls},
                configure {shared, args}, requireModules
  --store DIR   the store (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)
  --out DIR     also write DIR/interpreter.tar.gz and DIR/interpreter.json (atomically)
${REMOTE_HELP}
  --json        print {"key", "fingerprint", "artifact", "sha256", "cached", "from"}; "from" is
                "local" (this store), "remote" (fetched from --remote) or "build"

The build key is the sha256 of the canonical spec and this host's compiler, glibc and machine; the
same spec on the same kind of host is a store hit and builds nothing. The source comes from the store
(see \`pyhermetic source import\`) or the spec's URLs, verified against source.sha256.

exit codes: 2 bad spec or options · 3 source unreachable or wrong, compile failure, missing module,
corrupt store entry (run \`pyhermetic store verify --repair\`), the remote store failed or served
bad bytes (nothing is stored then)`,
  options: { spec: { type: "string" }, store: { type: "string" }, out: { type: "string" }, ...REMOTE_OPTIONS },
  async run({ values, json }) {
    const specFile = stringOption(values, "spec");
    if (!specFile)
      throw new UsageError("interpreter build needs --spec python.json", `usage: pyhermetic ${this.usage}`);
    const spec = await loadSpec(specFile);
    const store = await Store.open(stringOption(values, "store"), {
      onSweep: (p) => info(`swept ${p.length} leftover temp(s) of killed runs: ${p.join(", ")}`)
    });
    const remote = await remoteFromOptions(values);
    const r = await buildInterpreter(store, spec, { outDir: stringOption(values, "out"), remote });
    if (json) {
      printJson({
        key: r.key,
        fingerprint: r.fingerprint,
        artifact: r.artifact,
        sha256: r.sha256,
        cached: r.cached,
        from: r.from,
        ...remote ? { remote: remote.shown, published: r.published ?? null } : {}
      });
    } else {
      out(
        [
          `${{ local: "store hit", remote: `fetched from ${remote?.shown}`, build: "built" }[r.from]}: ${r.artifact}`,
          `  sha256       ${r.sha256}`,
          `  fingerprint  ${r.fingerprint}`,
          `  spec sha256  ${r.specSha256}`,
          `  build key    ${r.key}`
        ].join("\n")
      );
    }
    return 0;
  }
};

// src/commands/store-verify.ts
var storeVerifyCommand = {
  name: "store verify",
  summary: "Check every blob and entry of the store against its sha256; --repair moves bad ones to quarantine",
  usage: "store verify [--repair] [--store DIR] [--json]",
  help: `options:
  --repair      move every bad blob or entry to <store>/quarantine/ (kept for inspection)
  --store DIR   the store (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)
  --json        print {"store", "checked", "problems": [{path, message, fix, quarantined?}]}

exit codes: 0 everything verifies · 1 bad entries were found (also with --repair, which says where
it moved them; a second run then exits 0)`,
  options: { store: { type: "string" }, repair: { type: "boolean" } },
  async run({ values, json }) {
    const store = await Store.open(stringOption(values, "store"), {
      onSweep: (p) => info(`swept ${p.length} leftover temp(s) of killed runs`)
    });
    const { checked, problems } = await store.verify();
    const repaired = {};
    if (values.repair === true) {
      for (const p of problems) repaired[p.path] = await store.quarantine(p.path);
    }
    if (json) {
      printJson({
        store: store.root,
        checked,
        problems: problems.map((p) => ({ ...p, ...repaired[p.path] ? { quarantined: repaired[p.path] } : {} }))
      });
    } else {
      for (const p of problems) {
        out(`BAD ${p.path}: ${p.message}`);
        out(repaired[p.path] ? `    moved to ${repaired[p.path]}` : `    fix: ${p.fix}`);
      }
      out(
        `${store.root}: ${checked} item(s) checked, ${problems.length} bad${values.repair === true && problems.length > 0 ? ", all moved to quarantine/" : ""}`
      );
    }
    return problems.length > 0 ? 1 : 0;
  }
};

// src/commands/jenkins-step.ts
import { existsSync as existsSync4, readFileSync as readFileSync4, statSync as statSync2 } from "node:fs";
import { mkdir as mkdir15 } from "node:fs/promises";
import { dirname as dirname11, join as join32, resolve as resolve18 } from "node:path";

// src/jenkins/step-plan.ts
import { posix as posix9 } from "node:path";

// src/jenkins/step-params.ts
function stepTitle(step2) {
  return step2 === "pipeline" ? "pyhermetic(...)" : `pyhermetic.${step2}(...)`;
}
function commonParams(step2) {
  return [
    {
      name: "rerun",
      type: "string",
      default: `.pyhermetic/${step2}/rerun.sh`,
      defaultText: "`.pyhermetic/<step>/rerun.sh`",
      description: "Where to write rerun.sh, the same command for the agent's shell. Give each call its own path when a build calls a step twice."
    },
    {
      name: "archive",
      type: "boolean",
      default: true,
      description: "`false` skips `archiveArtifacts` (reports are still published)."
    }
  ];
}
var CREDENTIAL_PARAMS = {
  credentialsId: {
    name: "credentialsId",
    type: "string",
    description: "Jenkins username/password credentials, bound to PYHERMETIC_REMOTE_USER and PYHERMETIC_REMOTE_PASSWORD.",
    credentialVariables: ["PYHERMETIC_REMOTE_USER", "PYHERMETIC_REMOTE_PASSWORD"]
  },
  tokenCredentialsId: {
    name: "tokenCredentialsId",
    type: "string",
    description: "Jenkins secret text credentials, bound to PYHERMETIC_REMOTE_TOKEN.",
    credentialVariables: ["PYHERMETIC_REMOTE_TOKEN"]
  },
  signingKeyCredentialsId: {
    name: "signingKeyCredentialsId",
    type: "string",
    description: "Jenkins secret file credentials (a private key), bound to PYHERMETIC_SIGNING_KEY.",
    credentialVariables: ["PYHERMETIC_SIGNING_KEY"]
  }
};
var REMOTE_PARAMS = [
  {
    name: "remote",
    type: "string",
    option: "remote",
    defaultText: "`$PYHERMETIC_REMOTE`, else none",
    description: "URL of the shared remote store (WebDAV `https://…`, `artifactory+https://…`, `nexus+https://…`); no credentials in it."
  },
  {
    name: "publish",
    type: "boolean",
    default: false,
    option: "publish",
    description: "Upload what was built or found locally to the remote store (give it only to trusted branches)."
  },
  CREDENTIAL_PARAMS.credentialsId,
  CREDENTIAL_PARAMS.tokenCredentialsId
];

// src/jenkins/step-table.ts
function parentOf(path6) {
  return path6.slice(0, path6.lastIndexOf("/") + 1);
}
var STORE_DEFAULT = "`$PYHERMETIC_HOME`, else `~/.cache/pyhermetic`";
var INDEX = "'https://packages.example.internal/simple'";
var STEPS = [
  {
    name: "pipeline",
    command: ["pipeline"],
    summary: "The whole chain: interpreter build or store hit → lock check → test env → the project's tests → package → verify → reports.",
    params: [
      {
        name: "config",
        type: "string",
        default: "pyhermetic.json",
        required: true,
        option: "config",
        description: "The project's pipeline config."
      },
      {
        name: "out",
        type: "string",
        default: (v) => `${parentOf(String(v.config ?? ""))}.pyhermetic-out`,
        defaultText: "`<config dir>/.pyhermetic-out`",
        option: "out",
        description: "Output directory: `interpreter/ env-test/ app/ dist/ report/ rerun.sh`."
      },
      {
        name: "store",
        type: "string",
        option: "store",
        defaultText: `the config's \`store\`, else ${STORE_DEFAULT}`,
        description: "The interpreter store on the agent."
      },
      ...REMOTE_PARAMS
    ],
    publish: {
      junit: ["{out}/report/junit.xml", "{out}/report/tests-junit.xml"],
      html: { dir: "{out}/report", file: "report.html" },
      archive: ["{out}/report/**", "{out}/rerun.sh", "{out}/dist/*.tar.gz"],
      summary: "{out}/report/summary.md"
    },
    examples: [
      "pyhermetic(config: 'pyhermetic.json')",
      "pyhermetic(config: 'pyhermetic.json', remote: 'https://dav.example.internal/pyhermetic/', credentialsId: 'pyhermetic-store', publish: env.BRANCH_NAME == 'main')",
      "pyhermetic(config: 'services/api/pyhermetic.json', out: 'build/pyhermetic', store: '/var/cache/pyhermetic')"
    ]
  },
  {
    name: "interpreter",
    command: ["interpreter", "build"],
    summary: "Build the interpreter artifact from a spec, or take it from the store.",
    params: [
      {
        name: "spec",
        type: "string",
        default: "python.json",
        required: true,
        option: "spec",
        description: "The interpreter spec."
      },
      { name: "store", type: "string", option: "store", defaultText: STORE_DEFAULT, description: "The store." },
      {
        name: "out",
        type: "string",
        option: "out",
        description: "Directory for `interpreter.tar.gz` and `interpreter.json`; its JSON files are archived."
      },
      ...REMOTE_PARAMS
    ],
    publish: { archive: ["{out}/**/*.json"] },
    examples: ["pyhermetic.interpreter(spec: 'python.json', out: 'build/interpreter')"]
  },
  {
    name: "lock",
    command: ["lock"],
    summary: "Resolve requirements to a hash lock for the interpreter, wheels only. The lock is archived.",
    params: [
      {
        name: "requirements",
        type: "string",
        default: "requirements.in",
        required: true,
        option: "requirement",
        description: "Top-level requirements."
      },
      {
        name: "interpreter",
        type: "string",
        required: true,
        option: "interpreter",
        description: "Interpreter artifact or its directory."
      },
      {
        name: "indexUrls",
        type: "list",
        required: true,
        option: "index-url",
        description: "Package indexes; the first is the main index."
      },
      {
        name: "allowSource",
        type: "list",
        option: "allow-source",
        description: "Names allowed to build from an sdist."
      },
      {
        name: "cacheRoot",
        type: "string",
        option: "cache-root",
        defaultText: "the store's cache",
        description: "Root of the fingerprint-scoped pip caches."
      },
      {
        name: "glibcMax",
        type: "string",
        option: "glibc-max",
        defaultText: "the interpreter's own floor",
        description: "Refuse a chosen wheel that needs a newer glibc than this (e.g. `'2.31'`): findings (UNSTABLE)."
      },
      {
        name: "output",
        type: "string",
        default: "requirements.lock",
        required: true,
        option: "output",
        description: "The lock to write."
      },
      ...REMOTE_PARAMS
    ],
    publish: { archive: ["{output}"] },
    examples: [`pyhermetic.lock(interpreter: 'build/interpreter', indexUrls: [${INDEX}])`]
  },
  {
    name: "env",
    command: ["env", "create"],
    summary: "Create an environment (the interpreter prefix with the locked distributions). Its `pyhermetic-env.json` is archived.",
    params: [
      {
        name: "interpreter",
        type: "string",
        required: true,
        option: "interpreter",
        description: "Interpreter artifact or its directory."
      },
      {
        name: "lock",
        type: "string",
        default: "requirements.lock",
        required: true,
        option: "lock",
        description: "The hash lock."
      },
      {
        name: "dest",
        type: "string",
        required: true,
        option: "dest",
        description: "The environment directory to create."
      },
      { name: "indexUrls", type: "list", required: true, option: "index-url", description: "Package indexes." },
      {
        name: "cacheRoot",
        type: "string",
        option: "cache-root",
        defaultText: "the store's cache",
        description: "Pip cache root; caches below it are scoped by interpreter fingerprint, so one root serves every job of an agent."
      },
      {
        name: "allowSource",
        type: "list",
        option: "allow-source",
        description: "Names allowed to build from an sdist."
      },
      { name: "force", type: "boolean", default: false, option: "force", description: "Replace an existing `dest`." },
      ...REMOTE_PARAMS
    ],
    publish: { archive: ["{dest}/pyhermetic-env.json"] },
    examples: [
      `pyhermetic.env(interpreter: 'build/interpreter', dest: 'build/env-test', indexUrls: [${INDEX}], force: true)`
    ]
  },
  {
    name: "pack",
    command: ["pack"],
    summary: "The production package from the tested environment. The package is archived with a fingerprint.",
    params: [
      { name: "env", type: "string", required: true, option: "env", description: "The tested environment." },
      { name: "app", type: "string", option: "app", description: "The application directory to ship with it." },
      { name: "out", type: "string", required: true, option: "out", description: "The package file (`.tar.gz`)." },
      { name: "level", type: "number", option: "level", defaultText: "6", description: "gzip level, 0 to 9." }
    ],
    publish: { archive: ["{out}"] },
    examples: ["pyhermetic.pack(env: 'build/env-test', app: 'src', out: 'dist/service.tar.gz', level: 9)"]
  },
  {
    name: "verify",
    command: ["verify"],
    summary: "Parity of the package with the tested environment, linkage and a smoke import. Publishes the report (junit, html) and archives it; findings make the build UNSTABLE.",
    params: [
      { name: "artifact", type: "string", required: true, option: "artifact", description: "The package." },
      { name: "tested", type: "string", required: true, option: "tested", description: "The tested environment." },
      {
        name: "app",
        type: "string",
        option: "app",
        description: "The app tree the tests ran on: the package's `app/` is compared with it file by file."
      },
      {
        name: "report",
        type: "string",
        default: "pyhermetic-report",
        required: true,
        option: "report",
        description: "Report directory."
      },
      {
        name: "glibcMax",
        type: "string",
        option: "glibc-max",
        defaultText: "the interpreter's own floor",
        description: "Highest GLIBC symbol version allowed, e.g. `'2.31'`."
      },
      {
        name: "smoke",
        type: "list",
        option: "smoke",
        description: "Modules to import from the extracted package (besides its extension modules)."
      },
      {
        name: "noDefaultSmoke",
        type: "boolean",
        default: false,
        option: "no-default-smoke",
        description: "Import only the `smoke` modules."
      },
      { name: "noSmoke", type: "boolean", default: false, option: "no-smoke", description: "Skip the import test." },
      {
        name: "root",
        type: "list",
        option: "root",
        description: "Production root filesystems (a directory or a .tar/.tar.gz, e.g. `docker export` of the base image): the smoke test runs inside each."
      },
      {
        name: "deployPath",
        type: "string",
        option: "deploy-path",
        defaultText: "`/opt/<package name>`",
        description: "Where the package is extracted inside each root."
      },
      {
        name: "allowSystemLibs",
        type: "list",
        option: "allow-system-lib",
        description: "System libraries (besides glibc's) the package may need from the host; listed as its runtime requirements."
      }
    ],
    publish: {
      junit: ["{report}/junit.xml"],
      html: { dir: "{report}", file: "report.html" },
      archive: ["{report}/**"],
      summary: "{report}/summary.md"
    },
    examples: [
      "def parity = pyhermetic.verify(artifact: 'dist/service.tar.gz', tested: 'build/env-test', app: 'src', root: 'base-image.tar', smoke: ['service'])",
      "pyhermetic.verify(artifact: 'dist/service.tar.gz', tested: 'build/env-test', noSmoke: true)"
    ]
  },
  {
    name: "fingerprint",
    command: ["fingerprint"],
    summary: "The ABI fingerprint of an interpreter; with `compare`, differing fingerprints are findings (UNSTABLE).",
    params: [
      { name: "python", type: "string", required: true, option: "python", description: "The interpreter executable." },
      { name: "compare", type: "string", option: "compare", description: "A second interpreter." },
      {
        name: "timeout",
        type: "number",
        option: "timeout",
        defaultText: "30",
        description: "Seconds before the probe is killed."
      }
    ],
    publish: {},
    examples: ["pyhermetic.fingerprint(python: 'build/env-test/bin/python3', compare: '/opt/prod/python/bin/python3')"]
  }
];
function findStep(name) {
  return STEPS.find((s) => s.name === name);
}
function stepParams(step2) {
  return [...step2.params, ...commonParams(step2.name)];
}

// src/jenkins/step-plan.ts
var HELP = "see the help page pyhermetic.txt";
function describeValue(v) {
  if (v === null || v === void 0) return "null";
  if (typeof v === "boolean") return `a boolean: ${v}`;
  if (typeof v === "number") return `a number: ${v}`;
  if (typeof v === "string") return `a string: ${v}`;
  if (Array.isArray(v)) return `a list: [${v.map(String).join(", ")}]`;
  if (typeof v === "object") {
    const entries = Object.entries(v).map(([k, x]) => `${k}:${String(x)}`);
    return `a map: [${entries.join(", ") || ":"}]`;
  }
  return `a value: ${String(v)}`;
}
var isNumericText = (s) => /^-?\d+(\.\d+)?$/.test(s);
function checkValue(title, p, v) {
  const wrong = (what) => {
    throw new UsageError(`${title}: parameter '${p.name}' ${what}`);
  };
  switch (p.type) {
    case "boolean":
      return typeof v === "boolean" ? v : wrong(`must be true or false, got ${describeValue(v)}`);
    case "number":
      if (typeof v === "number" && Number.isFinite(v)) return v;
      if (typeof v === "string" && isNumericText(v)) return v;
      return wrong(`must be a number, got ${describeValue(v)}`);
    case "string":
      if (typeof v === "string") return v;
      if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
      if (typeof v === "number")
        return wrong(`must be a string, got ${describeValue(v)} (write it in quotes, e.g. ${p.name}: '${v}')`);
      return wrong(`must be a string, got ${describeValue(v)}`);
    case "list": {
      if (typeof v === "string") return [v];
      if (!Array.isArray(v))
        return wrong(`must be a list of strings, e.g. ${p.name}: ['value'], got ${describeValue(v)}`);
      const bad = v.find((item) => typeof item !== "string");
      if (bad !== void 0) return wrong(`must be a list of strings; one item is ${describeValue(bad)}`);
      return v;
    }
    case "map": {
      if (v === null || typeof v !== "object" || Array.isArray(v))
        return wrong(`must be a map, e.g. ${p.name}: [KEY: 'value'], got ${describeValue(v)}`);
      const out2 = {};
      for (const [k, x] of Object.entries(v)) {
        if (typeof x !== "string" && typeof x !== "number" && typeof x !== "boolean")
          return wrong(`must be a map of strings; the value of '${k}' is ${describeValue(x)}`);
        out2[k] = String(x);
      }
      return out2;
    }
  }
}
var isEmpty = (v) => v === void 0 || v === "" || Array.isArray(v) && v.length === 0;
function resolveValues(step2, given) {
  const title = stepTitle(step2.name);
  const params = stepParams(step2);
  const allowed = params.map((p) => p.name);
  for (const key2 of Object.keys(given)) {
    if (!allowed.includes(key2))
      throw new UsageError(`${title}: unknown parameter '${key2}'. Allowed parameters: ${allowed.join(", ")} (${HELP})`);
  }
  const values = {};
  for (const p of params) {
    if (key(given, p.name)) {
      const v = given[p.name];
      values[p.name] = v === null || v === void 0 ? void 0 : checkValue(title, p, v);
    } else if (p.default !== void 0 && typeof p.default !== "function") {
      values[p.name] = p.default;
    }
  }
  for (const p of params) {
    if (!key(given, p.name) && typeof p.default === "function") values[p.name] = p.default(values);
  }
  for (const p of params) {
    if (p.required && isEmpty(values[p.name]))
      throw new UsageError(`${title}: parameter '${p.name}' is required (${HELP} for an example)`);
  }
  if (values.rerun === "" || values.rerun === void 0)
    throw new UsageError(`${title}: parameter 'rerun' must be a file path`);
  return values;
}
function key(map, name) {
  return Object.hasOwn(map, name);
}
function commandArgv(step2, values) {
  const argv = [...step2.command];
  for (const p of step2.params) {
    const v = values[p.name];
    if (p.option === void 0 || v === void 0) continue;
    if (typeof v === "boolean") {
      if (v) argv.push(`--${p.option}`);
    } else if (Array.isArray(v)) {
      for (const item of v) argv.push(`--${p.option}=${item}`);
    } else if (typeof v === "object") {
      for (const [k, x] of Object.entries(v)) argv.push(`--${p.option}=${k}=${x}`);
    } else if (v !== "") {
      argv.push(`--${p.option}=${v}`);
    }
  }
  return argv;
}
function fillTemplate(template, values) {
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (_, name) => {
    const v = values[name];
    if (v === void 0 || v === "" || typeof v === "object") missing = true;
    return String(v ?? "");
  });
  return missing ? null : filled;
}
function relativeTo(cwd, path6) {
  let rel = path6;
  if (path6.startsWith("/")) {
    const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
    if (!path6.startsWith(prefix)) return null;
    rel = path6.slice(prefix.length);
  }
  rel = posix9.normalize(rel);
  if (rel === "." || rel === ".." || rel.startsWith("../") || rel.includes(",")) return null;
  if (rel === "null" || /^\[[\s\S]*\]$|^\{[\s\S]*\}$/.test(rel)) return null;
  return rel;
}
function planStep(stepName, given, cwd) {
  const step2 = findStep(stepName);
  if (!step2)
    throw new UsageError(`unknown pyhermetic step '${stepName}'`, `the steps: ${STEPS.map((s) => s.name).join(", ")}`);
  if (given === null || typeof given !== "object" || Array.isArray(given))
    throw new UsageError(`${stepTitle(step2.name)}: the parameters must be a map, got ${describeValue(given)}`);
  const values = resolveValues(step2, given);
  const rerun = posix9.resolve(cwd, String(values.rerun));
  const notPublished = [];
  const relative6 = (templates) => {
    const out2 = [];
    for (const t of templates ?? []) {
      const path6 = fillTemplate(t, values);
      if (path6 === null) continue;
      const rel = relativeTo(cwd, path6);
      if (rel === null) notPublished.push(path6);
      else out2.push(rel);
    }
    return out2;
  };
  const archive = values.archive === false ? [] : relative6([...step2.publish.archive ?? [], String(values.rerun)]);
  let html2 = null;
  if (step2.publish.html) {
    const [dir] = relative6([step2.publish.html.dir]);
    if (dir !== void 0) html2 = { dir, file: step2.publish.html.file, name: `pyhermetic ${step2.name} report` };
  }
  const summary = step2.publish.summary ? fillTemplate(step2.publish.summary, values) : null;
  const needs = stepParams(step2).flatMap((p) => values[p.name] !== void 0 ? p.credentialVariables ?? [] : []);
  return {
    step: step2,
    values,
    argv: commandArgv(step2, values),
    rerun,
    needs,
    publish: { junit: relative6(step2.publish.junit), html: html2, archive },
    summary: summary === null ? null : posix9.resolve(cwd, summary),
    notPublished
  };
}

// src/jenkins/step-result.ts
var NOTHING_TO_PUBLISH = { junit: [], html: null, archive: [] };
var EXIT_MEANING = {
  2: "usage or config error",
  3: "environment or tool failure"
};
function oneLine(text, max = 600) {
  const line = text.replace(/\s*[\r\n\t]+\s*/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}...` : line;
}
function summaryText(markdown2) {
  const lines = [];
  for (const line of markdown2.split(/\r?\n/)) {
    const t = line.trim();
    if (t && !t.startsWith("|") && !t.startsWith("#")) lines.push(t.replace(/\*\*/g, ""));
    if (lines.length >= 4) break;
  }
  return oneLine(lines.join(" "));
}
function stepMessage(step2, exitCode, detail, rerun) {
  const again = rerun === null ? "" : ` | re-run on the agent: sh ${quoteWord(rerun)}`;
  if (exitCode === 0) return `pyhermetic ${step2}: ok`;
  if (exitCode === 1) return `pyhermetic ${step2}: findings (exit 1): ${oneLine(detail)}${again}`;
  const what = EXIT_MEANING[exitCode] ?? "unexpected exit code";
  return `pyhermetic ${step2} failed (exit ${exitCode}: ${what}): ${oneLine(detail)}${again}`;
}
function resultJson(result) {
  const text = JSON.stringify(result, null, 2);
  return `${text.replace(/[^\x20-\x7e\n]/g, (c3) => `\\u${c3.charCodeAt(0).toString(16).padStart(4, "0")}`)}
`;
}

// src/commands/rerun.ts
import { mkdir as mkdir14 } from "node:fs/promises";
import { dirname as dirname10, resolve as resolve17 } from "node:path";
var RESULT_CHANGING_ENV = ["PYHERMETIC_HOME", "PYHERMETIC_REMOTE", "PYHERMETIC_PUBLISH"];
var CREDENTIALS_NOTE = `# The remote store's credentials are not written here: set ${CREDENTIAL_VARIABLES} first.`;
function rerunCommand(argv, runner, environment = process.env) {
  const env = {};
  for (const name of RESULT_CHANGING_ENV) {
    const value2 = environment[name];
    if (value2 !== void 0 && value2 !== "") env[name] = redact(value2);
  }
  return { cwd: process.cwd(), runner: resolve17(runner), argv: argv.map(redact), env };
}
function usesRemote(cmd) {
  return cmd.env.PYHERMETIC_REMOTE !== void 0 || cmd.argv.includes("--remote");
}
function assignments(cmd) {
  return Object.entries(cmd.env).map(([k, v]) => `${k}=${quoteWord(v)} `).join("");
}
function rerunScript(cmd) {
  const needs = (cmd.needs ?? []).map(
    (name) => `[ -n "\${${name}:-}" ] || { echo 'rerun.sh: export ${name} first (the Jenkins step took it from its credentials)' >&2; exit 2; }`
  );
  return [
    "#!/bin/sh",
    ...needs,
    "# Written by pyhermetic --write-rerun: the exact command a step ran. Run it with: sh THIS_FILE",
    ...usesRemote(cmd) ? [CREDENTIALS_NOTE] : [],
    `cd ${quoteWord(cmd.cwd)} && ${assignments(cmd)}exec ${shellQuote(["node", cmd.runner, ...cmd.argv])}`,
    ""
  ].join("\n");
}
function rerunLine(cmd) {
  return `(cd ${quoteWord(cmd.cwd)} && ${assignments(cmd)}${shellQuote(["node", cmd.runner, ...cmd.argv])})`;
}
async function writeRerunScript(file, cmd) {
  const target = resolve17(file);
  try {
    await mkdir14(dirname10(target), { recursive: true });
    await writeFileAtomic(target, rerunScript(cmd), 493);
  } catch (err) {
    throw new EnvironmentError(
      `cannot write the re-run script ${target}: ${err.message}`,
      "give the re-run script a path in a writable directory"
    );
  }
  return target;
}
function rerunNotice(written, cmd) {
  return `rerun with: sh ${quoteWord(written)}
pyhermetic:   ${rerunLine(cmd)}`;
}

// src/commands/dispatch.ts
import { parseArgs } from "node:util";
function findCommand(argv) {
  const two = argv.slice(0, 2).join(" ");
  const byTwo = commands.find((c3) => c3.name === two);
  if (byTwo) return { cmd: byTwo, rest: argv.slice(2), tried: two };
  const byOne = commands.find((c3) => c3.name === argv[0]);
  if (byOne) return { cmd: byOne, rest: argv.slice(1), tried: argv[0] ?? "" };
  const group = commands.filter((c3) => c3.name.startsWith(`${argv[0]} `));
  if (group.length > 0) {
    const sub = argv[1] === void 0 ? "(none)" : `'${argv[1]}'`;
    throw new UsageError(
      `unknown subcommand ${sub} for '${argv[0]}'`,
      `one of: ${group.map((c3) => c3.name).join(", ")}`
    );
  }
  return { rest: [...argv], tried: argv[0] ?? "" };
}
function parseCommandArgs(cmd, rest) {
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...cmd.options, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true
    });
  } catch (err) {
    const msg = err.message.replace(/\. To specify a positional argument.*$/s, "");
    throw new UsageError(
      `${cmd.name}: ${msg}`,
      `usage: pyhermetic ${cmd.usage}
run 'pyhermetic ${cmd.name} --help' for details`
    );
  }
  const { min, max, names } = cmd.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    const what = max === 0 ? "takes no positional arguments" : `takes ${min === max ? min : `${min} to ${max}`} argument(s)${names ? ` (${names})` : ""}`;
    throw new UsageError(
      `${cmd.name} ${what}, got: ${parsed.positionals.map((p) => JSON.stringify(p)).join(" ") || "none"}`,
      `usage: pyhermetic ${cmd.usage}`
    );
  }
  return {
    values: parsed.values,
    positionals: parsed.positionals,
    json: parsed.values.json === true
  };
}
async function runCommandLine(argv) {
  const { cmd, rest, tried } = findCommand(argv);
  if (!cmd) throw new UsageError(`unknown command '${tried}'`, "run 'pyhermetic help' to list the commands");
  return cmd.run(parseCommandArgs(cmd, rest));
}
function reportError(err) {
  if (err instanceof PyhermeticError) {
    error(err.message);
    if (err.hint) process.stderr.write(`${err.hint.replace(/^/gm, "  ")}
`);
    return err.exitCode;
  }
  process.stderr.write(
    `pyhermetic: internal error (please report it with this output):
${err?.stack ?? String(err)}
`
  );
  return EXIT_ENVIRONMENT;
}

// src/commands/jenkins-step.ts
var PARAMS_LIMIT = 1024 * 1024;
function readParams(file) {
  try {
    const st = statSync2(file);
    if (!st.isFile() || st.size > PARAMS_LIMIT) throw new Error(`not a regular file of at most ${PARAMS_LIMIT} bytes`);
    return JSON.parse(readFileSync4(file, "utf8"));
  } catch (err) {
    throw new UsageError(
      `cannot read the step parameters ${file}: ${err.message}`,
      "the Jenkins step writes them; run rerun.sh to repeat a step by hand"
    );
  }
}
async function writeResult(file, result) {
  try {
    await mkdir15(dirname11(resolve18(file)), { recursive: true });
    await writeFileAtomic(resolve18(file), resultJson(result));
  } catch (err) {
    throw new EnvironmentError(
      `cannot write the step result ${file}: ${err.message}`,
      "pass --result a path in a writable directory"
    );
  }
}
async function runPlanned(plan) {
  let lastLine = "";
  const previous = setLogSink((level, message) => {
    const lines = message.split("\n").filter((l) => l.trim() !== "");
    if (lines.length > 0) lastLine = lines[lines.length - 1].trim();
    previous(level, message);
  });
  let exitCode;
  let detail;
  try {
    exitCode = await runCommandLine(plan.argv);
  } catch (err) {
    exitCode = reportError(err);
    detail = err instanceof PyhermeticError ? err.message : `internal error: ${err?.message ?? err}`;
  } finally {
    setLogSink(previous);
  }
  if (exitCode !== 0 && detail === void 0 && plan.summary && existsSync4(plan.summary)) {
    const summary = summaryText(readFileSync4(plan.summary, "utf8"));
    if (summary) detail = summary;
  }
  return { exitCode, detail: detail ?? (lastLine || "(the command printed nothing)") };
}
function existing(plan, cwd) {
  const { junit, html: html2, archive } = plan.publish;
  return {
    junit: junit.filter((f) => existsSync4(resolve18(cwd, f))),
    html: html2 && existsSync4(join32(resolve18(cwd, html2.dir), html2.file)) ? html2 : null,
    archive
  };
}
var jenkinsStepCommand = {
  name: "jenkins-step",
  summary: "What the Jenkins steps run: check a step parameter map, run its command, write a result file",
  usage: "jenkins-step STEP --params FILE.json --result FILE.json",
  help: `STEP: ${STEPS.map((s) => s.name).join(", ")} (see docs/jenkins-steps.md)

options:
  --params FILE   the step's parameters as the Jenkinsfile wrote them (a JSON object)
  --result FILE   written atomically whatever happens: {exitCode, message, publish: {junit, html, archive}, rerun}

Applies the step's defaults, refuses an unknown key, a wrong type or a missing required key (exit 2),
writes rerun.sh (the step's command for the agent's shell) and runs the command in this process.
The exit code is the command's: 0 ok · 1 findings · 2 usage or config error · 3 environment or tool failure.`,
  options: { params: { type: "string" }, result: { type: "string" } },
  positionals: { min: 1, max: 1, names: "STEP" },
  async run({ values, positionals }) {
    const paramsFile = stringOption(values, "params");
    const resultFile = stringOption(values, "result");
    if (!paramsFile || !resultFile)
      throw new UsageError(
        `jenkins-step needs ${!paramsFile ? "--params FILE" : "--result FILE"}`,
        `usage: pyhermetic ${jenkinsStepCommand.usage}`
      );
    const stepName = positionals[0];
    const cwd = process.cwd();
    let plan;
    try {
      plan = planStep(stepName, readParams(paramsFile), cwd);
    } catch (err) {
      const exitCode = reportError(err);
      const message = err instanceof PyhermeticError ? err.message : String(err);
      await writeResult(resultFile, { exitCode, message, publish: NOTHING_TO_PUBLISH, rerun: null });
      return exitCode;
    }
    const rerunCmd = { ...rerunCommand(plan.argv, process.argv[1] ?? ""), needs: plan.needs };
    let outcome;
    let rerun = null;
    try {
      rerun = await writeRerunScript(plan.rerun, rerunCmd);
      outcome = await runPlanned(plan);
    } catch (err) {
      outcome = { exitCode: reportError(err), detail: err.message };
    }
    for (const path6 of plan.notPublished)
      info(`not published or archived (outside the step's directory, or not a plain path): ${path6}`);
    if (rerun !== null) info(rerunNotice(rerun, rerunCmd));
    await writeResult(resultFile, {
      exitCode: outcome.exitCode,
      message: stepMessage(stepName, outcome.exitCode, outcome.detail, rerun),
      publish: existing(plan, cwd),
      rerun
    });
    return outcome.exitCode;
  }
};

// src/commands/store-push.ts
import { stat as stat13 } from "node:fs/promises";
var storePushCommand = {
  name: "store push",
  summary: "Upload what the local store holds (verified first) to the shared remote store",
  usage: "store push --remote URL [--store DIR] [--json]",
  help: `options:
  --remote URL  the remote store (default: $PYHERMETIC_REMOTE): https://… (WebDAV), artifactory+https://…,
                nexus+https://…; credentials only from PYHERMETIC_REMOTE_TOKEN or
                PYHERMETIC_REMOTE_USER/PASSWORD or netrc
  --store DIR   the local store (default: $PYHERMETIC_HOME, else ~/.cache/pyhermetic)
  --json        print {"remote", "entries": [{type, key, result}], "blobs": [{sha256, result}]}

Every entry and blob is verified in the local store before it is sent; an entry's blobs go first and
its manifest last, so nobody reads a half-uploaded entry. What the remote already holds is left alone.
Pushing is publishing: no --publish is needed.

exit codes: 0 pushed · 3 a corrupt local entry (run \`pyhermetic store verify --repair\`), or the remote
refused or failed`,
  options: { store: { type: "string" }, remote: { type: "string" } },
  async run({ values, json }) {
    if (!stringOption(values, "remote") && !process.env.PYHERMETIC_REMOTE)
      throw new UsageError("store push needs --remote URL (or PYHERMETIC_REMOTE)", `usage: pyhermetic ${this.usage}`);
    const remote = await remoteFromOptions({ ...values, publish: true });
    const store = await Store.open(stringOption(values, "store"), {
      onSweep: (p) => info(`swept ${p.length} leftover temp(s) of killed runs`)
    });
    const { entries, blobs } = await localContents(store);
    const doneEntries = [];
    for (const [type, key2] of entries) {
      const entry = await store.entry(type, key2);
      if (!entry) continue;
      const result = await remote.publishEntry(entry, type, key2);
      info(`${type}/${key2}: ${result}`);
      doneEntries.push({ type, key: key2, result });
    }
    const doneBlobs = [];
    for (const sha256 of blobs) {
      const path6 = await store.blob(sha256);
      if (!path6) continue;
      const { size } = await stat13(path6);
      const result = await remote.publishBlob(path6, sha256, size);
      info(`blob ${sha256}: ${result}`);
      doneBlobs.push({ sha256, result });
    }
    if (json) printJson({ remote: remote.shown, entries: doneEntries, blobs: doneBlobs });
    else
      out(
        `${remote.shown}: ${doneEntries.filter((e) => e.result === "published").length} of ${doneEntries.length} entries and ${doneBlobs.filter((b) => b.result === "created").length} of ${doneBlobs.length} blobs uploaded (the rest were there)`
      );
    return 0;
  }
};

// src/commands/index.ts
var commands = [
  fingerprintCommand,
  pipelineCommand,
  lockCommand,
  envCreateCommand,
  packCommand,
  verifyCommand,
  diffCommand,
  cacheAuditCommand,
  sourceImportCommand,
  interpreterBuildCommand,
  storeVerifyCommand,
  jenkinsStepCommand,
  storePushCommand
];

// src/cli/console-log.ts
var useColor = () => !process.env.NO_COLOR && process.stderr.isTTY === true;
var paint = (code, s) => useColor() ? `\x1B[${code}m${s}\x1B[0m` : s;
function installConsoleLog(options2 = {}) {
  setLogSink((level, message) => {
    if (level === "out") process.stdout.write(message.endsWith("\n") ? message : `${message}
`);
    else if (level === "warn") process.stderr.write(`pyhermetic: ${paint("33", "warning:")} ${message}
`);
    else if (level === "error") process.stderr.write(`pyhermetic: ${paint("31", "error:")} ${message}
`);
    else if (!options2.quiet) process.stderr.write(`pyhermetic: ${message}
`);
  });
}

// src/cli/version.ts
var VERSION2 = true ? "0.1.0" : "0.0.0-dev";

// src/cli/cli.ts
var GLOBAL_USAGE = `usage: pyhermetic <command> [options]
       pyhermetic --args FILE.json     (run the command line stored as a JSON array of strings)
       pyhermetic --write-rerun FILE [--args FILE.json | <command> ...]   (also write FILE, a sh script re-running it)
       pyhermetic help [command] | --version`;
function commandList() {
  const width = Math.max(...commands.map((c3) => c3.name.length));
  return commands.map((c3) => `  ${c3.name.padEnd(width)}  ${c3.summary}`).join("\n");
}
function globalHelp() {
  return `${GLOBAL_USAGE}

commands:
${commandList()}

exit codes: 0 ok · 1 findings · 2 usage or config error · 3 environment or tool failure
Run 'pyhermetic <command> --help' for a command's options.`;
}
function commandHelp(cmd) {
  return `usage: pyhermetic ${cmd.usage}

${cmd.summary}

${cmd.help.trimEnd()}
`;
}
function argvFromFile(file) {
  let doc;
  try {
    doc = JSON.parse(readFileSync5(file, "utf8"));
  } catch (err) {
    throw new UsageError(
      `cannot read the arguments file ${file}: ${err.message}`,
      'pass a JSON file holding an array of strings, e.g. ["fingerprint","--python","/usr/bin/python3"]'
    );
  }
  const argv = Array.isArray(doc) ? doc : doc?.argv;
  if (!Array.isArray(argv) || !argv.every((a2) => typeof a2 === "string")) {
    throw new UsageError(
      `the arguments file ${file} does not hold an array of strings`,
      'write ["command", "--option", "value", ...] or {"argv": [...]}'
    );
  }
  return argv;
}
var notice;
async function main(argvIn) {
  installConsoleLog();
  let argv = argvIn;
  let argsFile;
  let rerunFile;
  for (; ; ) {
    const option = argv[0];
    if (option === "--args" && argsFile === void 0 || option === "--write-rerun" && rerunFile === void 0) {
      if (!argv[1]) throw new UsageError(`${option} needs a file`, GLOBAL_USAGE);
      if (option === "--args") argsFile = argv[1];
      else rerunFile = argv[1];
      argv = argv.slice(2);
    } else break;
  }
  if (argsFile !== void 0) argv = [...argvFromFile(argsFile), ...argv];
  if (rerunFile !== void 0) {
    const cmd2 = rerunCommand(argv, process.argv[1] ?? "");
    const written = await writeRerunScript(rerunFile, cmd2);
    notice = rerunNotice(written, cmd2);
  }
  if (argv.length === 0) {
    process.stderr.write(`${globalHelp()}
`);
    return EXIT_USAGE;
  }
  if (argv[0] === "--version" || argv[0] === "-V") {
    out(VERSION2);
    return EXIT_OK;
  }
  if (argv[0] === "--help" || argv[0] === "-h") {
    out(globalHelp());
    return EXIT_OK;
  }
  if (argv[0] === "help") {
    if (argv.length === 1) {
      out(globalHelp());
      return EXIT_OK;
    }
    const { cmd: cmd2 } = findCommand(argv.slice(1));
    if (!cmd2) throw new UsageError(`unknown command '${argv.slice(1).join(" ")}'`, `commands:
${commandList()}`);
    out(commandHelp(cmd2));
    return EXIT_OK;
  }
  if (argv[0].startsWith("-")) {
    throw new UsageError(`unknown option '${argv[0]}' before the command`, GLOBAL_USAGE);
  }
  const { cmd, rest, tried } = findCommand(argv);
  if (!cmd) {
    throw new UsageError(`unknown command '${tried}'`, `run 'pyhermetic help' to list the commands:
${commandList()}`);
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out(commandHelp(cmd));
    return EXIT_OK;
  }
  return cmd.run(parseCommandArgs(cmd, rest));
}
async function runCli(argv) {
  let code;
  try {
    code = await main(argv);
  } catch (err) {
    code = reportError(err);
    if (!(err instanceof PyhermeticError)) code = exitCodeOf(err);
  }
  if (notice !== void 0) info(notice);
  process.exitCode = code;
}

// src/cli/runner.ts
await runCli(process.argv.slice(2));
